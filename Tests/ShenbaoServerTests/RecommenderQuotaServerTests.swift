import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// 推荐名额 (docs/rules.md §5): set by the province, enforced when a recommender recommends,
/// shown to the recommender.
@Suite struct RecommenderQuotaServerTests {
    struct Row: Encodable {
        var kind: String?
        var organizationId: String?
        var category: String?
        var limit: Int?
    }

    struct Quotas: Encodable {
        var kinds: [Row] = []
        var organizations: [Row] = []
    }

    struct QuotasBody: Decodable {
        struct KindRow: Decodable { var kind: String; var category: String; var limit: Int }
        struct OrganizationRow: Decodable {
            var organizationId: UUID
            var organizationName: String
            var category: String
            var limit: Int
        }
        var kinds: [KindRow]
        var organizations: [OrganizationRow]
    }

    struct Usage: Decodable {
        var category: String
        var limit: Int?
        var used: Int
        var remaining: Int?
    }

    static func setQuotas(_ app: Application, _ people: ChainPeople, _ quotas: Quotas) async throws {
        let response = try await app.api(
            .PUT, "/api/v1/calls/2025/recommender-quotas", token: people.province, json: quotas)
        guard response.status == .ok else { throw Abort(.internalServerError, reason: response.body.string) }
    }

    static func mine(_ app: Application, token: String) async throws -> [String: Usage] {
        let response = try await app.api(.GET, "/api/v1/calls/2025/recommender-quotas/mine", token: token)
        #expect(response.status == .ok)
        return Dictionary(
            try response.content.decode([Usage].self).map { ($0.category, $0) }, uniquingKeysWith: { first, _ in first }
        )
    }

    @Test("the province sets quotas through the API; every wrong row is named at once; others may not")
    func settingQuotas() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let refused = try await app.api(
                .PUT, "/api/v1/calls/2025/recommender-quotas", token: people.province,
                json: Quotas(
                    kinds: [
                        Row(kind: "planet", category: "conference", limit: 1),
                        Row(kind: "city", category: "conference", limit: 1000),
                        Row(kind: "city", category: "lecture", limit: 1),
                    ],
                    organizations: [Row(organizationId: UUID().uuidString, category: "cooperation", limit: 1)]))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.error.code == "validationFailed")
            #expect(
                refused.fields == [
                    "kinds[0].kind", "kinds[1].limit", "kinds[2].category", "organizations[0].organizationId",
                ])
            #expect(refused.body.string.contains("推荐名额应为0至999之间的整数"))
            // Nothing was stored.
            let call = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first())
            #expect(call.definition.recommenderQuotas == nil)

            let forbidden = try await app.api(
                .PUT, "/api/v1/calls/2025/recommender-quotas", token: people.city,
                json: Quotas(kinds: [Row(kind: "city", category: "conference", limit: 9)]))
            #expect(forbidden.status == .forbidden)

            let saved = try await app.api(
                .PUT, "/api/v1/calls/2025/recommender-quotas", token: people.province,
                json: Quotas(
                    kinds: [Row(kind: "city", category: "conference", limit: 2)],
                    organizations: [Row(organizationId: yuelu.uuidString, category: "cooperation", limit: 3)]))
            #expect(saved.status == .ok)
            let read = try await app.api(.GET, "/api/v1/calls/2025/recommender-quotas", token: people.province)
                .content.decode(QuotasBody.self)
            #expect(read.kinds.map { "\($0.kind)/\($0.category)/\($0.limit)" } == ["city/conference/2"])
            #expect(read.organizations.map(\.organizationName) == ["岳麓区科学技术协会"])
            #expect(read.organizations.first?.limit == 3)

            // An empty set removes them: the call limits nobody again.
            #expect(
                try await app.api(
                    .PUT, "/api/v1/calls/2025/recommender-quotas", token: people.province, json: Quotas()
                ).status == .ok)
            let cleared = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first())
            #expect(cleared.definition.recommenderQuotas == nil)
        }
    }

    @Test("a recommender past its quota is refused with the numbers, sees what is left, and a return frees the slot")
    func refusedBeyondQuota() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            try await Self.setQuotas(
                app, people, Quotas(kinds: [Row(kind: "county", category: "conference", limit: 1)]))
            let first = try await ApplicationFixtures.submitted(app, people)
            let second = try await ApplicationFixtures.submitted(app, people)
            var left = try await Self.mine(app, token: people.county)
            #expect(left["conference"]?.limit == 1)
            #expect(left["conference"]?.remaining == 1)
            #expect(left["cooperation"]?.limit == nil)

            #expect(try await ApplicationFixtures.recommend(app, first, token: people.county).status == .ok)
            left = try await Self.mine(app, token: people.county)
            #expect(left["conference"]?.used == 1)
            #expect(left["conference"]?.remaining == 0)

            let refused = try await ApplicationFixtures.recommend(app, second, token: people.county)
            #expect(refused.status == .conflict)
            #expect(refused.problems?.error.code == "recommenderQuotaExceeded")
            #expect(refused.problems?.error.message == "本单位国际科技交流会议项目推荐名额为1项，已推荐1项，不能再推荐")
            let still = try #require(try await ApplicationModel.find(second, on: app.db))
            #expect(still.status == .atRecommender)

            // The inbox page says so.
            let browser = Browser(app)
            try await browser.logIn("yuelu", TestUsers.password)
            let inbox = try await browser.get("/inbox").body.string
            #expect(inbox.contains("推荐名额（2025年度）"))
            #expect(inbox.contains("<td>国际科技交流会议项目</td><td>1项</td><td>1项</td><td>0项</td>"))
            #expect(inbox.contains("<td>不限</td><td>0项</td><td>不限</td>"))
            // The application's page says it beside the decision, and refuses it too, in the same words.
            #expect(
                try await browser.get("/applications/\(second)").body.string.contains(
                    "本单位国际科技交流会议项目推荐名额1项，已推荐1项，剩余0项"))
            let onPage = try await browser.post(
                "/applications/\(second)/opinion",
                form: [("decision", "recommend"), ("comment", "同意推荐"), ("attested", "1")])
            #expect(onPage.status == .conflict)
            #expect(onPage.body.string.contains("本单位国际科技交流会议项目推荐名额为1项，已推荐1项，不能再推荐"))

            // The city (no quota of its kind) returns the first one: the county's slot is free again.
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(first)/opinions", token: people.city,
                json: ["decision": "return", "comment": "请补充境外专家的邀请函"])
            #expect(returned.status == .ok)
            #expect(try await Self.mine(app, token: people.county)["conference"]?.remaining == 1)
            #expect(try await ApplicationFixtures.recommend(app, second, token: people.county).status == .ok)
            #expect(try await ApplicationFixtures.recommend(app, second, token: people.city).status == .ok)
        }
    }

    @Test("one recommender's own quota overrides its kind's, per category")
    func perRecommenderOverride() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            try await Self.setQuotas(
                app, people,
                Quotas(
                    kinds: [
                        Row(kind: "county", category: "conference", limit: 0),
                        Row(kind: "city", category: "conference", limit: 0),
                    ],
                    organizations: [Row(organizationId: yuelu.uuidString, category: "conference", limit: 2)]))
            let id = try await ApplicationFixtures.submitted(app, people)
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.county).status == .ok)
            #expect(try await Self.mine(app, token: people.county)["conference"]?.remaining == 1)

            // The city keeps its kind's quota of none.
            let city = try await ApplicationFixtures.recommend(app, id, token: people.city)
            #expect(city.status == .conflict)
            #expect(city.problems?.error.message == "本单位国际科技交流会议项目推荐名额为0项，已推荐0项，不能再推荐")
            // Refusing is never limited.
            let rejected = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.city,
                json: ["decision": "reject", "comment": "不符合申报条件"])
            #expect(rejected.status == .ok)
            // Its recommendation stays counted after a rejection upstream: the slot was used.
            #expect(try await Self.mine(app, token: people.county)["conference"]?.used == 1)
        }
    }

    @Test("a quota changed by the province applies at once; lowered below what was recommended, it takes nothing back")
    func changedQuota() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            try await Self.setQuotas(
                app, people, Quotas(kinds: [Row(kind: "county", category: "conference", limit: 1)]))
            let first = try await ApplicationFixtures.submitted(app, people)
            let second = try await ApplicationFixtures.submitted(app, people)
            #expect(try await ApplicationFixtures.recommend(app, first, token: people.county).status == .ok)
            #expect(try await ApplicationFixtures.recommend(app, second, token: people.county).status == .conflict)
            try await Self.setQuotas(
                app, people, Quotas(kinds: [Row(kind: "county", category: "conference", limit: 2)]))
            #expect(try await ApplicationFixtures.recommend(app, second, token: people.county).status == .ok)
            try await Self.setQuotas(
                app, people, Quotas(kinds: [Row(kind: "county", category: "conference", limit: 0)]))
            let left = try await Self.mine(app, token: people.county)
            #expect(left["conference"]?.used == 2)
            #expect(left["conference"]?.remaining == 0)
            // Both stay with the city.
            let city = try await ApplicationFixtures.recommenderID(app, named: "长沙市科学技术协会")
            for id in [first, second] {
                #expect(try await ApplicationModel.find(id, on: app.db)?.$holder.id == city)
            }
        }
    }

    @Test("recommendations racing for the last slot: exactly one passes")
    func concurrentRecommendations() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            try await Self.setQuotas(
                app, people, Quotas(kinds: [Row(kind: "county", category: "conference", limit: 1)]))
            var ids: [UUID] = []
            for _ in 0..<3 { ids.append(try await ApplicationFixtures.submitted(app, people)) }
            let token = people.county
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for id in ids {
                    group.addTask { try await ApplicationFixtures.recommend(app, id, token: token).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 2)
            let city = try await ApplicationFixtures.recommenderID(app, named: "长沙市科学技术协会")
            let holders = try await ApplicationModel.query(on: app.db).filter(\.$id ~~ ids).all().map { $0.$holder.id }
            #expect(holders.filter { $0 == city }.count == 1)
            #expect(try await Self.mine(app, token: people.county)["conference"]?.used == 1)
        }
    }

    @Test("a call without quotas behaves as before: no limit, nothing shown")
    func withoutQuotas() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            for _ in 0..<2 {
                let id = try await ApplicationFixtures.submitted(app, people)
                #expect(try await ApplicationFixtures.recommend(app, id, token: people.county).status == .ok)
            }
            let mine = try await app.api(.GET, "/api/v1/calls/2025/recommender-quotas/mine", token: people.county)
            #expect(mine.status == .ok)
            #expect(try mine.content.decode([Usage].self).isEmpty)
            let browser = Browser(app)
            try await browser.logIn("yuelu", TestUsers.password)
            #expect(!(try await browser.get("/inbox").body.string.contains("推荐名额")))
            let read = try await app.api(.GET, "/api/v1/calls/2025/recommender-quotas", token: people.province)
                .content.decode(QuotasBody.self)
            #expect(read.kinds.isEmpty && read.organizations.isEmpty)
        }
    }

    @Test("the province sets quotas on the call's page; a wrong cell is shown beside it")
    func quotaPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            _ = people
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let call = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first())
            let path = "/admin/calls/\(try call.requireID().uuidString)/recommender-quotas"
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let admin = try await browser.get("/admin/calls").body.string
            #expect(admin.contains(path))
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("市州科协"))
            #expect(page.body.string.contains("name=\"org_2_id\""))

            let wrong = try await browser.post(
                path,
                form: [("kind_city_conference", "abc"), ("org_0_id", yuelu.uuidString), ("org_0_cooperation", "2")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("推荐名额应为0至999之间的整数"))
            #expect(wrong.body.string.contains("value=\"abc\""))
            #expect(try await CallModel.find(call.requireID(), on: app.db)?.definition.recommenderQuotas == nil)

            let saved = try await browser.post(
                path,
                form: [
                    ("kind_city_conference", "2"), ("kind_county_cooperation", ""), ("org_0_id", yuelu.uuidString),
                    ("org_0_cooperation", "3"), ("org_1_id", ""),
                ])
            #expect(saved.status == .seeOther)
            let stored = try #require(
                try await CallModel.find(call.requireID(), on: app.db)?.definition.recommenderQuotas)
            #expect(stored.kinds == [.init(kind: .city, category: .conference, limit: 2)])
            #expect(stored.organizations == [.init(organizationId: yuelu, category: .cooperation, limit: 3)])
            let again = try await browser.get(path + "?done=saved").body.string
            #expect(again.contains("推荐名额已保存。"))
            #expect(again.contains("name=\"kind_city_conference\" id=\"kind_city_conference\" value=\"2\""))
        }
    }
}
