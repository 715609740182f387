import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("The recommenders' deadline (推荐截止时间) and the call's default 补正 period")
struct RecommendationDeadlineServerTests {
    struct Call: Decodable {
        var deadline: Date?
        var recommendationDeadline: Date?
        var recommendationDeadlineText: String?
        var correctionWorkingDays: Int?
    }

    @Test("set through the API; a recommender is refused after it, the province's intake is not")
    func enforcedForRecommendersOnly() async throws {
        try await withShenbao { app in
            app.now = { beijing("2026-03-20 09:00") }
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)

            // Every problem at once: unreadable text, a deadline before the applicants', a period out of bounds.
            let unreadable = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province,
                json: ["recommendationDeadline": "四月中旬", "deadline": "2026-04-01 17:00"])
            #expect(unreadable.status == .unprocessableEntity)
            #expect(unreadable.problems?.errors.first?.message == "推荐截止时间应写作“2026-04-15 17:00”（北京时间）")
            struct Edit: Encodable {
                var deadline: String?
                var recommendationDeadline: String?
                var correctionWorkingDays: Int?
            }
            let early = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province,
                json: Edit(
                    deadline: "2026-04-01 17:00", recommendationDeadline: "2026-03-31 17:00", correctionWorkingDays: 31)
            )
            #expect(early.status == .unprocessableEntity)
            #expect(Set(early.fields) == ["recommendationDeadline", "correctionWorkingDays"])
            #expect(
                early.problems?.errors.first { $0.field == "recommendationDeadline" }?.message == "推荐截止时间不能早于申报截止时间")
            #expect(
                early.problems?.errors.first { $0.field == "correctionWorkingDays" }?.message
                    == "默认补正期限（工作日）应在1个工作日至30个工作日之间，现为31个工作日")
            let stored = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first())
            #expect(stored.definition.recommendationDeadline == nil, "nothing is saved when anything is wrong")

            let edited = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province,
                json: Edit(
                    deadline: "2026-04-01 17:00", recommendationDeadline: "2026-04-15 17:00", correctionWorkingDays: 10)
            )
            #expect(edited.status == .ok)
            let call = try edited.content.decode(Call.self)
            #expect(call.recommendationDeadline == beijing("2026-04-15 17:00"))
            #expect(call.recommendationDeadlineText == "2026年4月15日 17:00")
            #expect(call.correctionWorkingDays == 10)

            // Before it, the county returns without a period: the call's 10 working days, not 5
            // (2026-03-20 is a Friday; ten working days end on Friday 2026-04-03).
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.county,
                json: ["decision": "return", "comment": "请补充境外专家的邀请函"])
            #expect(returned.status == .ok)
            #expect(try await ApplicationModel.find(id, on: app.db)?.correctionEndsOn == "2026-04-03")
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let again = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            #expect(again.status == .ok)
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.county).status == .ok)

            // At the deadline the city can neither recommend nor return; nothing moves.
            app.now = { beijing("2026-04-15 17:00") }
            let late = try await ApplicationFixtures.recommend(app, id, token: people.city)
            #expect(late.status == .conflict)
            #expect(late.problems?.error.code == "recommendationDeadlinePassed")
            #expect(late.problems?.error.message == "推荐截止时间（2026年4月15日 17:00）已过，不能再推荐；如需延期请联系省科协")
            let lateReturn = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.city,
                json: ["decision": "return", "comment": "请补充境外专家的邀请函"])
            #expect(lateReturn.status == .conflict)
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .atRecommender)

            // The province extends it; the city recommends; after the new deadline the province's
            // intake still returns it, with the call's default period.
            let extended = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province, json: ["recommendationDeadline": "2026-04-20 17:00"]
            )
            #expect(extended.status == .ok)
            #expect(try await ApplicationFixtures.recommend(app, id, token: people.city).status == .ok)
            app.now = { beijing("2026-04-21 10:00") }
            let intake = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province,
                json: ["decision": "return", "comment": "请补充境外专家的邀请函"])
            #expect(intake.status == .ok)
            let calendar = try await OfficialCalendar.load(on: app.db)
            let returnedOn = try #require(Day("2026-04-21"))
            let tenDays = try CorrectionPeriod.end(returnedOn: returnedOn, workingDays: 10, calendar: calendar)
            #expect(try await ApplicationModel.find(id, on: app.db)?.correctionEndsOn == tenDays.description)

            // Cleared with an empty string.
            let cleared = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province, json: ["recommendationDeadline": ""])
            #expect(try cleared.content.decode(Call.self).recommendationDeadline == nil)
        }
    }

    @Test("edited on 申报指南管理 beside the submission deadline; shown on the recommender's 待办 and return form")
    func pages() async throws {
        try await withShenbao { app in
            app.now = { beijing("2026-03-20 09:00") }
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let callID = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first()?.id)
            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            try await province.get("/admin/calls?callId=\(callID.uuidString)")

            let wrong = try await province.post(
                "/admin/calls/\(callID.uuidString)",
                form: [
                    ("deadline", "2026-04-01 17:00"), ("recommendationDeadline", "2026-03-31 17:00"),
                    ("correctionWorkingDays", "十"),
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("默认补正期限（工作日）应为1至30之间的整数"))
            #expect(wrong.body.string.contains("value=\"十\""), "what was typed stays in the box")
            let early = try await province.post(
                "/admin/calls/\(callID.uuidString)",
                form: [("deadline", "2026-04-01 17:00"), ("recommendationDeadline", "2026-03-31 17:00")])
            #expect(early.status == .unprocessableEntity)
            let html = early.body.string
            let field = try #require(html.range(of: "id=\"recommendationDeadline\""))
            #expect(html[field.lowerBound...].prefix(700).contains("推荐截止时间不能早于申报截止时间"), "the message is beside its box")
            #expect(html.contains("value=\"2026-03-31 17:00\""))
            let garbled = try await province.post(
                "/admin/calls/\(callID.uuidString)", form: [("recommendationDeadline", "四月中旬")])
            #expect(garbled.body.string.contains("推荐截止时间应写作"))
            #expect(garbled.body.string.contains("value=\"四月中旬\""))

            let saved = try await province.post(
                "/admin/calls/\(callID.uuidString)",
                form: [
                    ("deadline", "2026-04-01 17:00"), ("recommendationDeadline", "2026-04-15 17:00"),
                    ("correctionWorkingDays", "10"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await province.get("/admin/calls?callId=\(callID.uuidString)").body.string
            #expect(page.contains("value=\"2026-04-15 17:00\""))
            #expect(page.contains("id=\"correctionWorkingDays\" name=\"correctionWorkingDays\" value=\"10\""))

            // The county sees the deadline on its 待办, and the call's 10 days in its return form.
            let county = Browser(app)
            try await county.logIn("yuelu", TestUsers.password)
            let inbox = try await county.get("/inbox").body.string
            #expect(inbox.contains("推荐截止时间：<strong>2026年4月15日 17:00</strong>"))
            let form = try await county.get("/applications/\(id.uuidString)").body.string
            #expect(form.contains("placeholder=\"10\" value=\"10\""))
            #expect(form.contains("不填为10个工作日"))
        }
    }
}
