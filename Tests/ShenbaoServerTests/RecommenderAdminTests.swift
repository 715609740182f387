import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The province administers recommenders: creates one of any kind, opens its accounts,
/// deactivates and activates it, hands what it holds to another of the same route.
@Suite struct RecommenderAdminTests {
    struct RecommenderBody: Decodable {
        var id: UUID
        var name: String
        var kind: String
        var divisionCode: String?
        var active: Bool
    }

    struct UserBody: Decodable {
        var id: UUID
        var username: String
        var mustChangePassword: Bool
    }

    static func create(
        _ app: Application, token: String, name: String, kind: String, divisionCode: String? = nil
    ) async throws -> RecommenderBody {
        let response = try await app.api(
            .POST, "/api/v1/recommenders", token: token,
            json: RecommenderForm(name: name, kind: kind, divisionCode: divisionCode))
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(RecommenderBody.self)
    }

    static func choices(_ app: Application, _ id: UUID, token: String) async throws -> [String] {
        struct Choice: Decodable { var name: String }
        return try await app.api(.GET, "/api/v1/applications/\(id)/recommenders", token: token)
            .content.decode([Choice].self).map(\.name)
    }

    static func auditActions(_ app: Application, subject: UUID) async throws -> [AuditAction] {
        try await SecurityEventModel.query(on: app.db).filter(\.$subjectID == subject).sort(\.$sequence).all()
            .map(\.action)
    }

    @Test("a new 省级学会 gets an account, receives an application and recommends it straight to the province")
    func aNewProvincialSocietyRecommendsToTheProvince() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let society = try await Self.create(app, token: people.province, name: "湖南省国际科技交流学会", kind: "省级学会")
            #expect(society.kind == "provincialSociety")
            #expect(society.active)

            let created = try await app.api(
                .POST, "/api/v1/recommenders/\(society.id)/users", token: people.province,
                json: AccountForm(
                    username: "jiaoliu", password: "Yuelushan2025", contactName: "刘经办", phone: "13900001111",
                    email: "jiaoliu@example.com"))
            #expect(created.status == .created, "\(created.body.string)")
            let user = try created.content.decode(UserBody.self)
            #expect(user.mustChangePassword)
            let stored = try #require(try await UserModel.find(user.id, on: app.db))
            #expect(stored.role == .recommender)
            #expect(stored.$organization.id == society.id)
            #expect(stored.mustChangePassword)
            #expect(try await Self.auditActions(app, subject: user.id) == [.userCreated])
            // The first-login change is the accounts work's; here the user has made it.
            stored.mustChangePassword = false
            try await stored.save(on: app.db)
            let societyToken = try await app.apiToken("jiaoliu", "Yuelushan2025")

            let id = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            #expect(try await Self.choices(app, id, token: people.applicant).contains("湖南省国际科技交流学会"))
            let submitted = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": society.id.uuidString])
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            #expect(try submitted.content.decode(ApplicationBody.self).currentHolder.name == "湖南省国际科技交流学会")

            let recommended = try await ApplicationFixtures.recommend(app, id, token: societyToken)
            #expect(recommended.status == .ok, "\(recommended.body.string)")
            let body = try recommended.content.decode(ApplicationBody.self)
            #expect(body.status == "atProvince")
            #expect(body.currentHolder.kind == "province")
            // The province takes it in as any other.
            struct Intake: Encodable {
                var decision = "accept"
                var checklist = ApplicationFixtures.fullChecklist
                var paperCopiesReceivedOn = "2025-05-20"
                var paperCopiesReceived = 6
                var certificatesReceived = 2
            }
            let accepted = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province, json: Intake())
            #expect(try accepted.content.decode(ApplicationBody.self).status == "accepted")
            #expect(try await Self.auditActions(app, subject: society.id) == [.organizationCreated])
        }
    }

    @Test("a deactivated recommender is not offered, refused at submit, hidden from applicants; activation restores it")
    func deactivationClosesTheRoute() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let society = try await Self.create(
                app, token: people.province, name: "湖南省机械工程学会", kind: "provincialSociety")
            let path = "/api/v1/recommenders/\(society.id)"

            let bare = try await app.api(.POST, path + "/deactivate", token: people.province, json: ["reason": " "])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.problems?.errors.map(\.message) == ["请填写停用原因"])
            let deactivated = try await app.api(
                .POST, path + "/deactivate", token: people.province, json: ["reason": "学会已注销"])
            #expect(deactivated.status == .ok)
            #expect(try deactivated.content.decode(RecommenderBody.self).active == false)
            let again = try await app.api(.POST, path + "/deactivate", token: people.province, json: ["reason": "再次"])
            #expect(again.status == .conflict)

            let id = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            #expect(!(try await Self.choices(app, id, token: people.applicant).contains("湖南省机械工程学会")))
            let refused = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": society.id.uuidString])
            #expect(refused.status == .unprocessableEntity)
            let problem = try #require(refused.problems?.errors.first { $0.field == "recommenderId" })
            #expect(problem.code == "deactivated")
            #expect(problem.message.contains("已停用"))

            let seen = try await app.api(.GET, "/api/v1/recommenders?kind=provincialSociety", token: people.applicant)
                .content.decode([RecommenderBody].self)
            #expect(seen.isEmpty)
            let inactive = try await app.api(.GET, "/api/v1/recommenders?state=inactive", token: people.province)
                .content.decode([RecommenderBody].self)
            #expect(inactive.map(\.name) == ["湖南省机械工程学会"])
            #expect(
                try await app.api(.GET, "/api/v1/recommenders?state=sleeping", token: people.province).fields == [
                    "state"
                ])

            #expect(try await app.api(.POST, path + "/activate", token: people.province).status == .ok)
            #expect(try await app.api(.POST, path + "/activate", token: people.province).status == .conflict)
            #expect(try await Self.choices(app, id, token: people.applicant).contains("湖南省机械工程学会"))
            #expect(
                try await Self.auditActions(app, subject: society.id) == [
                    .organizationCreated, .organizationDeactivated, .organizationActivated,
                ])
            let line = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .organizationDeactivated).first())
            #expect(line.detail.contains("学会已注销"))
        }
    }

    @Test("what a deactivated county holds stays visible and is handed to its city, with an event on the application")
    func handover() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let city = try await ApplicationFixtures.recommenderID(app, named: "长沙市科学技术协会")
            let zhuzhou = try await ApplicationFixtures.recommenderID(app, named: "株洲市科学技术协会")
            let path = "/api/v1/recommenders/\(county)"

            // Its kind cannot change under what it holds.
            let rekind = try await app.api(
                .PATCH, path, token: people.province, json: ["kind": "provincialSociety", "divisionCode": ""])
            #expect(rekind.status == .unprocessableEntity)
            #expect(rekind.problems?.errors.first?.code == "holdsApplications")

            #expect(
                try await app.api(.POST, path + "/deactivate", token: people.province, json: ["reason": "机构调整"]).status
                    == .ok)
            // It cannot recommend any more; the province still sees the application where it is.
            let blocked = try await ApplicationFixtures.recommend(app, id, token: people.county)
            #expect(blocked.status == .unprocessableEntity)
            #expect(blocked.problems?.errors.first?.code == "deactivated")
            struct DetailBody: Decodable {
                struct Holding: Decodable { var id: UUID; var awaitingOpinion: Bool }
                var holdings: [Holding]
            }
            let detail = try await app.api(.GET, path, token: people.province).content.decode(DetailBody.self)
            #expect(detail.holdings.map(\.id) == [id])
            #expect(detail.holdings.first?.awaitingOpinion == true)
            let seen = try await app.api(.GET, "/api/v1/applications/\(id)", token: people.province)
            #expect(try seen.content.decode(ApplicationBody.self).currentHolder.name == "岳麓区科学技术协会")

            let society = try await Self.create(app, token: people.province, name: "湖南省电子学会", kind: "provincialSociety")
            func handover(_ target: UUID?, reason: String?) async throws -> TestingHTTPResponse {
                try await app.api(
                    .POST, path + "/handover", token: people.province,
                    json: RecommenderHandoverService.Input(targetId: target?.uuidString, reason: reason))
            }
            let empty = try await handover(nil, reason: nil)
            #expect(empty.fields == ["targetId", "reason"])
            #expect(empty.problems?.errors.map(\.message).contains("请填写移交原因") == true)
            #expect(try await handover(society.id, reason: "机构调整").problems?.errors.first?.code == "otherRoute")
            let outside = try await handover(zhuzhou, reason: "机构调整")
            #expect(outside.problems?.errors.first?.code == "outsideTerritory")
            #expect(outside.problems?.errors.first?.message.contains("2025中德智能制造国际研讨会") == true)

            let moved = try await handover(city, reason: "岳麓区科协机构调整，由市科协代为审核")
            #expect(moved.status == .ok, "\(moved.body.string)")
            #expect(try moved.content.decode(RecommenderHandoverService.Result.self).moved == 1)
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(application.$holder.id == city)
            #expect(application.$recommender.id == city)
            #expect(application.status == .atRecommender)
            struct Event: Decodable { var action: String; var actionLabel: String; var comment: String? }
            let history = try await app.api(.GET, "/api/v1/applications/\(id)/history", token: people.applicant)
                .content.decode([Event].self)
            let last = try #require(history.last)
            #expect(last.action == "handover")
            #expect(last.actionLabel == "移交其他推荐单位")
            #expect(last.comment?.contains("由市科协代为审核") == true)
            #expect(try await AuditVerifier.verify(on: app.db).firstBreak == nil)
            #expect(try await Self.auditActions(app, subject: county).last == .applicationsHandedOver)

            // The city goes on as if the applicant had chosen it; nothing is left to hand over.
            let atProvince = try await ApplicationFixtures.recommend(app, id, token: people.city)
            #expect(try atProvince.content.decode(ApplicationBody.self).status == "atProvince")
            #expect(try await handover(city, reason: "再次").status == .conflict)
        }
    }

    @Test("a county cannot recommend to its city once the province deactivated the city")
    func noOnwardRecommendationToADeactivatedCity() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let city = try await ApplicationFixtures.recommenderID(app, named: "长沙市科学技术协会")
            let deactivated = try await app.api(
                .POST, "/api/v1/recommenders/\(city)/deactivate", token: people.province, json: ["reason": "换届"])
            #expect(deactivated.status == .ok)
            let refused = try await ApplicationFixtures.recommend(app, id, token: people.county)
            #expect(refused.status == .unprocessableEntity)
            let problem = try #require(refused.problems?.errors.first)
            #expect(problem.field == "forwardToId")
            #expect(problem.code == "deactivated")
            #expect(problem.message.contains("长沙市科学技术协会已被省科协停用"))
            // Once the city is open again, the recommendation goes through.
            #expect(
                try await app.api(.POST, "/api/v1/recommenders/\(city)/activate", token: people.province).status == .ok)
            let atCity = try await ApplicationFixtures.recommend(app, id, token: people.county)
            #expect(try atCity.content.decode(ApplicationBody.self).currentHolder.name == "长沙市科学技术协会")
        }
    }

    @Test("refusals are in Chinese, name the field, and come all at once")
    func validation() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let nothing = try await app.api(
                .POST, "/api/v1/recommenders", token: people.province, json: [String: String]())
            #expect(nothing.status == .unprocessableEntity)
            #expect(nothing.fields == ["name", "kind"])
            #expect(nothing.problems?.errors.map(\.message) == ["请填写单位名称", "请选择推荐单位类别"])

            let wrong = try await app.api(
                .POST, "/api/v1/recommenders", token: people.province,
                json: ["name": "长沙市科学技术协会", "kind": "city", "divisionCode": "430104"])
            #expect(wrong.fields == ["name", "divisionCode"])
            #expect(wrong.problems?.errors.first { $0.field == "name" }?.message.contains("不能重复") == true)
            #expect(wrong.problems?.errors.first { $0.field == "divisionCode" }?.message.contains("岳麓区") == true)

            let society = try await Self.create(
                app, token: people.province, name: "湖南省化学化工学会", kind: "provincialSociety")
            let rename = try await app.api(
                .PATCH, "/api/v1/recommenders/\(society.id)", token: people.province, json: ["name": "长沙市科学技术协会"])
            #expect(rename.fields == ["name"])
            let renamed = try await app.api(
                .PATCH, "/api/v1/recommenders/\(society.id)", token: people.province, json: ["name": "湖南省化学学会"])
            #expect(try renamed.content.decode(RecommenderBody.self).name == "湖南省化学学会")
            #expect(
                try await Self.auditActions(app, subject: society.id) == [.organizationCreated, .organizationEdited])

            let weak = try await app.api(
                .POST, "/api/v1/recommenders/\(society.id)/users", token: people.province,
                json: AccountForm(username: "hnkx", password: "password1", contactName: "", phone: "1", email: "x"))
            #expect(weak.fields == ["username", "password", "contactName", "phone", "email"])
            #expect(
                weak.problems?.errors.allSatisfy { $0.message.unicodeScalars.contains { $0.value >= 0x4E00 } } == true)

            // The province itself and applicants are not recommenders.
            let province = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$kind == .province).first())
            let notOne = try await app.api(
                .POST, "/api/v1/recommenders/\(try province.requireID())/deactivate", token: people.province,
                json: ["reason": "x"])
            #expect(notOne.status == .notFound)
            #expect(
                try await app.api(.POST, "/api/v1/recommenders", token: people.city, json: ["name": "x"]).status
                    == .forbidden)
        }
    }
}
