import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("The province administers its calls")
struct CallAdminTests {
    struct Call: Decodable {
        var year: Int
        var title: String
        var phase: String
        var deadline: Date?
        var noticeWorkingDays: Int
    }

    @Test("the deadline stops submissions, and phases move forward one at a time behind their guards")
    func phasesAndDeadline() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let draft = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")

            // Open, without a deadline: the intake can't start yet; skipping is refused too.
            let early = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "intake"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.problems?.errors.first?.code == "noDeadline")
            #expect(early.problems?.errors.first?.message.contains("尚未设置申报截止时间") == true)
            let skip = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "meeting"])
            #expect(skip.problems?.errors.first?.message.contains("下一阶段是“形式审查”") == true)
            let unknown = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "over"])
            #expect(unknown.problems?.errors.first?.field == "phase")

            // Edits are checked field by field; all problems at once.
            let wrong = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province,
                json: ["deadline": "明天", "contactPhone": "12345", "title": " "])
            #expect(Set(wrong.problems?.errors.map(\.field) ?? []) == ["deadline", "contactPhone", "title"])

            // The deadline passes: the applicant can no longer submit; the intake may start.
            let edited = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province, json: ["deadline": "2025-03-31 17:00"])
            #expect(edited.status == .ok)
            let call = try edited.content.decode(Call.self)
            #expect(call.deadline == CallAdminService.parseDeadline("2025-03-31T09:00:00Z"))
            let late = try await app.api(
                .POST, "/api/v1/applications/\(draft)/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            #expect(late.status == .conflict)
            #expect(late.problems?.error.message == "申报已于2025年3月31日 17:00截止，不能再提交")
            #expect(try await ApplicationModel.find(draft, on: app.db)?.status == .draft)
            let intake = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "intake"])
            #expect(try intake.content.decode(Call.self).phase == "intake")
            let deadlineLocked = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province, json: ["deadline": "2026-03-31 17:00"])
            #expect(deadlineLocked.problems?.errors.first?.code == "phaseClosed")

            // The review needs finance's approval of the plan; the notice is started on its own page.
            let review = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "review"])
            #expect(review.problems?.errors.first?.code == "planNotApproved")
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            try await ReviewFixtures.approvedPlan(app, province: people.province, finance: finance)
            let reviewing = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "review"])
            #expect(reviewing.status == .ok)
            let meeting = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "meeting"])
            #expect(meeting.status == .ok, "nothing accepted is waiting for review")
            let notice = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: people.province, json: ["phase": "notice"])
            #expect(notice.problems?.errors.first?.code == "useNotice")
            #expect(
                try await app.api(.PUT, "/api/v1/calls/2025/phase", token: people.county, json: ["phase": "notice"])
                    .status
                    == .forbidden)
        }
    }

    @Test("the meeting waits until every accepted application has been reviewed")
    func meetingWaitsForTheReview() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "sheng", .province)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let organization = try await ReviewFixtures.organization(app, "评审中单位")
            try await ReviewFixtures.accepted(
                app, category: .conference, name: "待评审项目", organization: organization, recommender: county)
            let call = try #require(try await CallModel.latest(on: app.db))
            call.phase = .review
            try await call.save(on: app.db)
            let meeting = try await app.api(
                .PUT, "/api/v1/calls/2025/phase", token: province, json: ["phase": "meeting"])
            #expect(meeting.problems?.error.message == "专家评审尚未结束：还有1份申报书未完成评审")
        }
    }

    @Test("next year's call starts as a draft copy and stays out of sight until it opens")
    func nextYear() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "sheng", .province)
            let copied = try await app.api(.POST, "/api/v1/calls/2025/copy", token: province)
            #expect(copied.status == .created)
            let call = try copied.content.decode(Call.self)
            #expect(call.year == 2026)
            #expect(call.title.hasPrefix("2026年度"))
            #expect(call.phase == "draft")
            #expect(call.deadline == nil)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/copy", token: province).status == .conflict)
            // The home page and new drafts still follow 2025 until 2026 opens.
            #expect(try await CallModel.latest(on: app.db)?.year == 2025)
            let opened = try await app.api(.PUT, "/api/v1/calls/2026/phase", token: province, json: ["phase": "open"])
            #expect(opened.problems?.errors.first?.code == "noDeadline")
            let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            _ = try await app.api(
                .PUT, "/api/v1/calls/2026", token: province, json: ["deadline": "\(nextYear)-03-31 17:00"])
            #expect(
                try await app.api(.PUT, "/api/v1/calls/2026/phase", token: province, json: ["phase": "open"]).status
                    == .ok)
            #expect(try await CallModel.latest(on: app.db)?.year == 2026)
        }
    }

    @Test("an edit to the call is seen at once by what reads the decoded guide (documents, checks)")
    func editedCallIsNotServedStale() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "sheng", .province)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID())
            let before = try await CallDefinitionCache.definition(of: callID, on: app.db)
            #expect(before.contact.phone != "0731-88889999")
            let edited = try await app.api(
                .PUT, "/api/v1/calls/2025", token: province, json: ["contactPhone": "0731-88889999"])
            #expect(edited.status == .ok)
            #expect(try await CallDefinitionCache.definition(of: callID, on: app.db).contact.phone == "0731-88889999")
        }
    }
}
