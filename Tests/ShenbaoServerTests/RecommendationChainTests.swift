import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct RecommendationChainTests {
    @Test func anApplicationClimbsCountyCityProvinceIsReturnedOnTheWayAndClimbsAgain() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)

            // The county recommends: it goes to its own city, not to the province.
            let atCity = try await ApplicationFixtures.recommend(app, id, token: people.county)
            #expect(atCity.status == .ok)
            var body = try atCity.content.decode(ApplicationBody.self)
            #expect(body.status == "atRecommender")
            #expect(body.currentHolder.name == "长沙市科学技术协会")

            // The city returns it; the applicant sees a draft again, with the opinion.
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.city,
                json: ["decision": "return", "comment": "请补充境外专家的邀请函"])
            body = try returned.content.decode(ApplicationBody.self)
            #expect(body.status == "draft")
            #expect(body.currentHolder.kind == "applicant")
            let edited = try await app.api(
                .PATCH, "/api/v1/applications/\(id)", token: people.applicant, json: ["highlights": "已补充邀请函"])
            #expect(edited.status == .ok)
            let opinions = try await app.api(.GET, "/api/v1/applications/\(id)/opinions", token: people.applicant)
            #expect(opinions.body.string.contains("请补充境外专家的邀请函"))

            // Resubmitted, it walks the whole chain again.
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let again = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            #expect(try again.content.decode(ApplicationBody.self).currentHolder.name == "岳麓区科学技术协会")
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.county).status == .ok)
            let atProvince = try await ApplicationFixtures.recommend(app, id, token: people.city)
            body = try atProvince.content.decode(ApplicationBody.self)
            #expect(body.status == "atProvince")
            #expect(body.currentHolder.kind == "province")

            // The province checks item by item, then accepts.
            let incomplete = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province, json: ["decision": "accept"])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.fields.contains("checklist.attachments"))
            #expect(incomplete.fields.contains("paperCopiesReceivedOn"))
            #expect(incomplete.fields.contains("paperCopiesReceived"))
            #expect(incomplete.fields.contains("certificatesReceived"))
            #expect(incomplete.fields.contains("checklist.evidence"))
            struct Intake: Encodable {
                var decision = "accept"
                var checklist = ApplicationFixtures.fullChecklist
                var paperCopiesReceivedOn = "2025-05-20"
                var paperCopiesReceived = 6
                var certificatesReceived = 2
            }
            let accepted = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province, json: Intake())
            #expect(accepted.status == .ok)
            let acceptedBody = try accepted.content.decode(ApplicationBody.self)
            #expect(acceptedBody.status == "accepted")
            #expect(acceptedBody.paperReceipt?.copies == 6)
            #expect(acceptedBody.paperReceipt?.certificates == 2)
            #expect(acceptedBody.paperReceipt?.receivedOn == "2025-05-20")
            #expect(acceptedBody.paperReceipt?.warnings == [])

            // The timeline holds every step, in order, with who and where.
            struct Event: Decodable { var action: String; var organization: String?; var toStatus: String? }
            let history = try await app.api(.GET, "/api/v1/applications/\(id)/history", token: people.applicant)
                .content.decode([Event].self)
            #expect(
                history.filter { $0.toStatus != nil }.map(\.action) == [
                    "create", "submit", "recommendToCity", "returnForRevision", "submit", "recommendToCity",
                    "recommendToProvince", "accept",
                ])
            #expect(history.first { $0.action == "returnForRevision" }?.organization == "长沙市科学技术协会")
            #expect(history.filter { $0.action == "submit" }.map(\.organization) == ["湖南鸿斯科技有限公司", "湖南鸿斯科技有限公司"])
            #expect(try await AuditVerifier.verify(on: app.db).firstBreak == nil)
        }
    }

    @Test("after the deadline, or once the province has moved the call on, nothing is submitted; the answer says why")
    func submittingNeedsAnOpenCall() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            func submit() async throws -> TestingHTTPResponse {
                try await app.api(
                    .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                    json: ["recommenderId": county.uuidString])
            }
            let call = try #require(try await CallModel.latest(on: app.db))
            call.deadline = Date().addingTimeInterval(-60)
            try await call.save(on: app.db)
            let late = try await submit()
            #expect(late.status == .conflict)
            #expect(late.problems?.error.code == "deadlinePassed")
            #expect(late.problems?.error.message.contains("截止") == true)

            call.deadline = Date().addingTimeInterval(3600)
            call.phase = .intake
            try await call.save(on: app.db)
            let closed = try await submit()
            #expect(closed.status == .conflict)
            #expect(closed.problems?.error.code == "callClosed")
            #expect(closed.problems?.error.message.contains("形式审查") == true)

            call.phase = .open
            try await call.save(on: app.db)
            #expect(try await submit().status == .ok)
        }
    }

    @Test func forbiddenMovesAreRefusedWithAReason() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let path = "/api/v1/applications/\(id)/opinions"

            // The city is not holding it yet: it cannot act (and does not even see it).
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.city).status == .notFound)
            // Recommending needs the attestation and a text.
            let bare = try await app.api(.POST, path, token: people.county, json: ["decision": "recommend"])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.fields == ["comment", "attested"])
            // A county cannot send straight to the province.
            let province = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$kind == .province).first())
            struct Direct: Encodable {
                var decision = "recommend"
                var comment = "直报省科协"
                var attested = true
                var forwardToId: String
            }
            let direct = try await app.api(
                .POST, path, token: people.county, json: Direct(forwardToId: try province.requireID().uuidString))
            #expect(direct.status == .unprocessableEntity)
            #expect(direct.problems?.errors.first?.code == "wrongRoute")
            // The province cannot take it in while it is with the county.
            let early = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province,
                json: ["decision": "reject", "comment": "x"])
            #expect(early.status == .conflict)
            #expect(early.problems?.error.message.contains("待推荐单位审核") == true)
            // Nothing moved.
            let body = try await app.api(.GET, "/api/v1/applications/\(id)", token: people.applicant).content.decode(
                ApplicationBody.self)
            #expect(body.status == "atRecommender")
            #expect(body.currentHolder.name == "岳麓区科学技术协会")
        }
    }

    @Test func twoOpinionsAtOnceOneWins() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            async let recommend = ApplicationFixtures.recommend(app, id, token: people.county)
            async let reject = app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.county,
                json: ["decision": "reject", "comment": "不符合条件"])
            let statuses = try await [recommend.status, reject.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            #expect(try await OpinionModel.query(on: app.db).count() == 1)
        }
    }

    @Test func aSanctionBarsARecommenderForThreeYears() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let today = ChineseFormat.today(app.now())
            let wrong = try await app.api(
                .POST, "/api/v1/sanctions", token: people.province, json: ["organizationId": "x"])
            #expect(wrong.fields == ["organizationId", "reason", "decidedOn"])
            #expect(
                try await app.api(.POST, "/api/v1/sanctions", token: people.county, json: ["reason": "x"]).status
                    == .forbidden)
            let unnamed = try await app.api(
                .POST, "/api/v1/sanctions", token: people.province, json: ["reason": "x", "decidedOn": "2025-03-01"])
            #expect(unnamed.fields == ["recommenderId"])
            #expect(unnamed.problems?.errors.first?.message.contains("推荐单位") == true)
            // organizationId, the earlier name, is still accepted; the bar runs as the Civil Code
            // counts: through the corresponding day three years on.
            struct SanctionBody: Decodable { var recommenderId: String; var lastDay: String; var active: Bool }
            let earlier = try await app.api(
                .POST, "/api/v1/sanctions", token: people.province,
                json: ["organizationId": county.uuidString, "reason": "出具虚假推荐意见", "decidedOn": "2025-03-01"])
            #expect(earlier.status == .created)
            #expect(try earlier.content.decode(SanctionBody.self).lastDay == "2028-03-01")
            let created = try await app.api(
                .POST, "/api/v1/sanctions", token: people.province,
                json: ["recommenderId": county.uuidString, "reason": "出具虚假推荐意见", "decidedOn": today.description])
            #expect(created.status == .created)
            let sanction = try created.content.decode(SanctionBody.self)
            #expect(sanction.recommenderId == county.uuidString)
            #expect(sanction.lastDay == today.adding(years: 3).description)
            #expect(sanction.active)

            let refused = try await ApplicationFixtures.recommend(app, id, token: people.county)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.errors.first?.code == "sanctioned")
            // It may still send it back, so the applicant can choose another route.
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.county,
                json: ["decision": "return", "comment": "本单位暂停推荐资格，请改选长沙市科协"])
            #expect(returned.status == .ok)
        }
    }

    @Test func theProvinceOverviewFiltersAndPages() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            for _ in 0..<3 { _ = try await ApplicationFixtures.submitted(app, people) }
            let page = try await app.api(.GET, "/api/v1/applications?per=2&page=1", token: people.province)
            #expect(try page.content.decode([ApplicationSummary].self).count == 2)
            #expect(page.headers.first(name: "X-Total-Count") == "3")
            let second = try await app.api(.GET, "/api/v1/applications?per=2&page=2", token: people.province)
            #expect(try second.content.decode([ApplicationSummary].self).count == 1)
            let changsha = try await app.api(
                .GET, "/api/v1/applications?city=430100&field=advancedManufacturing&category=conference",
                token: people.province)
            #expect(changsha.headers.first(name: "X-Total-Count") == "3")
            let zhuzhou = try await app.api(.GET, "/api/v1/applications?city=430200", token: people.province)
            #expect(zhuzhou.headers.first(name: "X-Total-Count") == "0")
            let bad = try await app.api(
                .GET, "/api/v1/applications?city=999999&per=500&status=lost", token: people.province)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.fields == ["status", "city", "per"])
        }
    }
}
