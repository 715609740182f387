import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// A new year's holiday arrangement entered by the province (issue 29, item 9): without it a
/// notice reaching into the year is refused; with it the notice is counted on it; once a notice
/// was counted on it, it can no longer be corrected.
@Suite struct CalendarYearTests {
    /// A 2027 arrangement of the shape the State Council publishes (the real one is not out yet).
    struct Body: Encodable {
        var sourceTitle = "国务院办公厅关于2027年部分节假日安排的通知"
        var sourceDate = "2026-11-20"
        var holidays: [CalendarYearForm.Holiday] = [
            .init(name: "元旦", firstDay: "2027-01-01", lastDay: "2027-01-03"),
            .init(name: "春节", firstDay: "2027-02-05", lastDay: "2027-02-13"),
        ]
        var workingDays: [CalendarYearForm.AdjustedWorkingDay] = [
            .init(day: "2027-01-30", holiday: "春节"), .init(day: "2027-02-20", holiday: "春节"),
        ]
    }

    @Test("a notice into 2027 waits for 2027's arrangement, is counted on it, and then the year is fixed")
    func enteredAndUsedByANotice() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            app.now = { beijing("2026-12-31 09:00") }

            // Without 2027 the notice starting on Thursday 2026-12-31 cannot be counted.
            let refused = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2026-12-31"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.errors.first?.code == "noCalendar")

            // An applicant may not enter it; the province may, and every mistake comes at once.
            let applicant = try await app.api(
                .PUT, "/api/v1/calendar/years/2027", token: people.applicantA, json: Body())
            #expect(applicant.status == .forbidden)
            var wrong = Body()
            wrong.workingDays = [.init(day: "2027-01-04", holiday: "春节"), .init(day: "2027-01-09", holiday: "清明节")]
            wrong.holidays[1].lastDay = "2027-02-01"
            let mistakes = try await app.api(.PUT, "/api/v1/calendar/years/2027", token: people.province, json: wrong)
            #expect(mistakes.status == .unprocessableEntity)
            #expect(
                mistakes.fields == ["holidays[1].lastDay", "workingDays[0].day", "workingDays[1].holiday"] as Set,
                "\(mistakes.body.string)")
            #expect(mistakes.problems?.errors.map(\.message).contains("调休上班日应为周六或周日，2027年1月4日是星期一") == true)
            let bundled = try await app.api(.PUT, "/api/v1/calendar/years/2026", token: people.province, json: Body())
            #expect(bundled.fields.contains("year"))

            let entered = try await app.api(.PUT, "/api/v1/calendar/years/2027", token: people.province, json: Body())
            #expect(entered.status == .ok, "\(entered.body.string)")
            let years = try await app.api(.GET, "/api/v1/calendar/years", token: people.applicantA)
            struct Year: Decodable { var year: Int; var origin: String; var inUse: Bool; var offDayCount: Int }
            let list = try years.content.decode([Year].self)
            #expect(list.map(\.year) == [2025, 2026, 2027])
            #expect(list.last?.origin == "entered" && list.last?.inUse == false && list.last?.offDayCount == 12)
            // Its entry is on the security trail.
            #expect(
                try await SecurityEventModel.query(on: app.db).filter(
                    \.$action == .calendarYearEntered
                )
                .count() == 1)

            // Until used it may be corrected (a third worked day added)…
            var corrected = Body()
            corrected.workingDays.append(.init(day: "2027-01-09", holiday: "元旦"))
            let correction = try await app.api(
                .PUT, "/api/v1/calendar/years/2027", token: people.province, json: corrected)
            #expect(correction.status == .ok, "\(correction.body.string)")

            // …and the notice is counted on it: 12-31, then 1-4 … 1-7 (1-1 to 1-3 off).
            let started = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2026-12-31"])
            #expect(started.status == .created, "\(started.body.string)")
            struct Period: Decodable { var endDate: String }
            #expect(try started.content.decode(Period.self).endDate == "2027-01-07")

            // Now the year is in use: a correction would move a period already announced.
            let late = try await app.api(.PUT, "/api/v1/calendar/years/2027", token: people.province, json: Body())
            #expect(late.status == .conflict)
            #expect(late.problems?.error.code == "calendarInUse")
            let stored = try #require(try await CalendarYearModel.query(on: app.db).first())
            #expect(stored.arrangement.workdays.count == 3)
        }
    }

    @Test("the province's page: the years held, the next one to enter, mistakes beside their rows")
    func page() async throws {
        try await withShenbao { app in
            _ = try await ReviewFixtures.token(app, "sheng", .province)
            let browser = Browser(app)
            try await browser.logIn("sheng", TestUsers.password)
            let page = try await browser.get("/calendar")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("录入新一年的节假日安排"))
            #expect(page.body.string.contains("value=\"2027\""))
            #expect(page.body.string.contains("国务院办公厅关于2026年部分节假日安排的通知") || page.body.string.contains("gov.cn"))

            // The first row left blank, the second filled wrongly: its problem is beside row 2.
            let refused = try await browser.post(
                "/calendar",
                form: [
                    ("year", "2027"), ("sourceTitle", "国务院办公厅关于2027年部分节假日安排的通知"), ("sourceDate", "2026-11-20"),
                    ("holidays[0][name]", ""), ("holidays[0][firstDay]", ""), ("holidays[0][lastDay]", ""),
                    ("holidays[1][name]", "元旦"), ("holidays[1][firstDay]", "2027-01-03"),
                    ("holidays[1][lastDay]", "2027-01-01"),
                ])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("id=\"holidays-2-lastDay-error\""))
            #expect(html.contains("第1个节假日的放假结束日（2027年1月1日）早于起始日（2027年1月3日）"))
            #expect(html.contains("value=\"2027-01-03\""), "what was typed is kept")

            let saved = try await browser.post(
                "/calendar",
                form: [
                    ("year", "2027"), ("sourceTitle", "国务院办公厅关于2027年部分节假日安排的通知"), ("sourceDate", "2026-11-20"),
                    ("holidays[0][name]", "元旦"), ("holidays[0][firstDay]", "2027-01-01"),
                    ("holidays[0][lastDay]", "2027-01-03"), ("holidays[1][name]", ""), ("holidays[1][firstDay]", ""),
                    ("holidays[1][lastDay]", ""),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let after = try await browser.get("/calendar?saved=2027")
            #expect(after.body.string.contains("2027年的节假日安排已保存"))
            #expect(after.body.string.contains("元旦：1月1日至3日"))
            #expect(after.body.string.contains("href=\"/calendar?year=2027\""))
        }
    }
}
