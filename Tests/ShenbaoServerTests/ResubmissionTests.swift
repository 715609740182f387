import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// A return for revision after the deadline gives the applicant a 补正 period (CorrectionPeriod):
/// the application may be submitted again within it, not after it, and never once the call has
/// moved past its intake.
@Suite struct ResubmissionTests {
    struct Message: Decodable { var title: String; var body: String }

    private func submit(_ app: Application, _ id: UUID, _ people: ChainPeople) async throws -> TestingHTTPResponse {
        let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
        return try await app.api(
            .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
            json: ["recommenderId": county.uuidString])
    }

    @Test("returned after the deadline: resubmitted inside the period, refused after it with its end named")
    func returnAfterTheDeadline() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            app.now = { beijing("2025-03-03 09:00") }
            let id = try await ApplicationFixtures.submitted(app, people)
            let call = try #require(try await CallModel.latest(on: app.db))
            call.deadline = beijing("2025-03-05 17:00")
            try await call.save(on: app.db)

            // Friday after the deadline: the county returns it; a bad number of days is named first.
            app.now = { beijing("2025-03-07 10:00") }
            let path = "/api/v1/applications/\(id)/opinions"
            let wrong = try await app.api(
                .POST, path, token: people.county, json: ["decision": "return", "correctionDays": "45"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.fields == ["comment", "correctionDays"])
            #expect(
                wrong.problems?.errors.last?.message == "补正期限（工作日）应在1个工作日至30个工作日之间，现为45个工作日")
            let words = try await app.api(
                .POST, path, token: people.county,
                json: ["decision": "return", "comment": "请补充邀请函", "correctionDays": "五天"])
            #expect(words.fields == ["correctionDays"])
            let returned = try await app.api(
                .POST, path, token: people.county, json: ["decision": "return", "comment": "请补充邀请函"])
            #expect(returned.status == .ok)
            #expect(try returned.content.decode(Body.self).correctionEndsOn == "2025-03-14")
            let messages = try await app.api(.GET, "/api/v1/notifications", token: people.applicant)
                .content.decode([Message].self)
            #expect(messages.contains { $0.body.contains("请于2025年3月14日前修改后重新提交") })

            // The applicant's page shows the end.
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let page = try await browser.get("/applications/\(id)")
            #expect(page.body.string.contains("请于2025年3月14日前修改后重新提交"))

            // To the end of its last day, Beijing time, it goes up again.
            app.now = { beijing("2025-03-14 23:50") }
            let again = try await submit(app, id, people)
            #expect(again.status == .ok)

            // Returned again with one working day (Monday → Tuesday), it is too late on Wednesday.
            app.now = { beijing("2025-03-17 09:00") }
            // The API takes the number as a JSON number too.
            struct Return: Encodable {
                var decision = "return"
                var comment = "邀请函缺少签名"
                var correctionDays = 1
            }
            let once = try await app.api(.POST, path, token: people.county, json: Return())
            #expect(try once.content.decode(Body.self).correctionEndsOn == "2025-03-18")
            app.now = { beijing("2025-03-19 00:01") }
            let late = try await submit(app, id, people)
            #expect(late.status == .conflict)
            #expect(late.problems?.error.code == "correctionPeriodEnded")
            #expect(late.problems?.error.message == "补正期已于2025年3月18日结束，不能再提交")
            #expect(try await browser.get("/applications/\(id)").body.string.contains("补正期已于2025年3月18日结束，不能再提交"))

            // A draft never returned is still refused by the deadline.
            let fresh = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            #expect(try await submit(app, fresh, people).problems?.error.code == "deadlinePassed")
        }
    }

    @Test("the province's return during the intake gives a period; past the intake no return is offered")
    func provinceReturnsDuringTheIntakeOnly() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            app.now = { beijing("2025-09-22 09:00") }
            let id = try await ApplicationFixtures.submitted(app, people)
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.county).status == .ok)
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.city).status == .ok)
            let call = try #require(try await CallModel.latest(on: app.db))
            call.deadline = beijing("2025-09-23 17:00")
            call.phase = .intake
            try await call.save(on: app.db)

            // The province's clerk sees 退回修改 while the intake runs.
            let clerk = Browser(app)
            try await clerk.logIn("hnkx", TestUsers.password)
            let open = try await clerk.get("/applications/\(id)")
            #expect(open.body.string.contains(#"value="return""#))
            #expect(open.body.string.contains("补正期限（工作日）"))

            // Once the review has begun, no return: neither on the page nor through the API.
            call.phase = .review
            try await call.save(on: app.db)
            let closed = try await clerk.get("/applications/\(id)")
            #expect(closed.body.string.contains("形式审查"))
            #expect(!closed.body.string.contains(#"value="return""#))
            let refused = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province,
                json: ["decision": "return", "comment": "请补充佐证材料"])
            #expect(refused.status == .conflict)
            #expect(refused.problems?.error.code == "returnClosed")
            #expect(refused.problems?.error.message.contains("专家评审") == true)

            // Back in the intake, on the Friday before National Day: seven working days, across it.
            call.phase = .intake
            try await call.save(on: app.db)
            app.now = { beijing("2025-09-26 16:00") }
            let form = try await clerk.post(
                "/applications/\(id)/intake",
                form: [("decision", "return"), ("comment", "请补充佐证材料"), ("correctionDays", "7")])
            #expect(form.status == .seeOther)
            let stored = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(stored.status == .draft)
            #expect(stored.correctionEndsOn == "2025-10-13")
            let messages = try await app.api(.GET, "/api/v1/notifications", token: people.applicant)
                .content.decode([Message].self)
            #expect(messages.contains { $0.body.contains("请于2025年10月13日前修改后重新提交") })

            // During the intake, within the period, the applicant submits again.
            app.now = { beijing("2025-10-13 22:00") }
            #expect(try await submit(app, id, people).status == .ok)
        }
    }

    struct Body: Decodable { var status: String; var correctionEndsOn: String? }
}
