import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct RecommendationPagesTests {
    @Test func theCountySeesItsInboxAndRecommendsFromTheApplicationPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let clerk = Browser(app)
            try await clerk.logIn("yuelu", TestUsers.password)
            let inbox = try await clerk.get("/inbox")
            #expect(inbox.body.string.contains("2025中德智能制造国际研讨会"))
            #expect(inbox.body.string.contains("消息<span class=\"count-badge\""))
            let page = try await clerk.get("/applications/\(id)")
            #expect(page.body.string.contains("推荐（报送长沙市科学技术协会）"))
            #expect(page.body.string.contains("办理记录"))

            let missing = try await clerk.post(
                "/applications/\(id)/opinion", form: [("decision", "recommend"), ("comment", "")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("请填写推荐单位意见"))
            #expect(missing.body.string.contains("真实性、合法性、合规性"))
            let done = try await clerk.post(
                "/applications/\(id)/opinion",
                form: [("decision", "recommend"), ("comment", "材料真实，同意推荐"), ("attested", "1")])
            #expect(done.status == .seeOther)
            let handled = try await clerk.get(try #require(done.headers.first(name: .location)))
            #expect(handled.body.string.contains("已推荐"))
            #expect(handled.body.string.contains("长沙市科学技术协会"))
        }
    }

    @Test func aReturnedDraftShowsTheOpinionAtTheTop() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.county,
                json: ["decision": "return", "comment": "请补充合作协议"])
            let applicant = Browser(app)
            try await applicant.logIn("hongsi", "Xiangjiang2025")
            let html = try await applicant.get("/applications/\(id)").body.string
            #expect(html.contains("岳麓区科学技术协会退回修改"))
            #expect(html.contains("请补充合作协议"))
            #expect(html.contains("data-autosave="))
        }
    }

    @Test func theProvinceTakesItInFromItsChecklist() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.city)
            let clerk = Browser(app)
            try await clerk.logIn("hnkx", TestUsers.password)
            let page = try await clerk.get("/applications/\(id)")
            #expect(page.body.string.contains("形式审查"))
            #expect(page.body.string.contains("纸质材料已收到（申报书6份、非涉密证明2份）"))
            var form: [(String, String)] = ApplicationFixtures.fullChecklist.keys.sorted().map {
                ("checklist[\($0)]", "1")
            }
            form += [
                ("decision", "accept"), ("paperCopiesReceivedOn", "2025-05-20"), ("paperCopiesReceived", "6"),
                ("certificatesReceived", "2"),
            ]
            let done = try await clerk.post("/applications/\(id)/intake", form: form)
            #expect(done.status == .seeOther)
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(application.status == .accepted)
            let overview = try await clerk.get("/applications?city=430100&status=accepted")
            #expect(overview.body.string.contains("共 1 份"))
            #expect(overview.body.string.contains("2025中德智能制造国际研讨会"))
            let elsewhere = try await clerk.get("/applications?city=430200")
            #expect(elsewhere.body.string.contains("共 0 份"))
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let other = try await ApplicationFixtures.recommenderID(app, named: "芙蓉区科学技术协会")
            #expect(try await clerk.get("/applications?recommenderId=\(county)").body.string.contains("共 1 份"))
            #expect(try await clerk.get("/applications?recommenderId=\(other)").body.string.contains("共 0 份"))
            let sanctions = try await clerk.get("/admin/sanctions")
            #expect(sanctions.body.string.contains("岳麓区科学技术协会"))
            let messages = try await Browser(app).get("/notifications")
            #expect(messages.status == .seeOther)
        }
    }
}
