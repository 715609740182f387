import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Reminders and the overdue list of the funded projects' reports (issue 30 item 6) and the
/// tracking table's report, change and acceptance columns (item 8).
@Suite("Report reminders, the province's overdue list and the tracking table")
struct ReportReminderServerTests {
    /// Project A of MeetingDone, published and running (执行中) over the first half of 2026: its
    /// 中期报告 is due halfway, on 2026年4月1日, its 总结报告 30 days after the end, 2026年7月30日.
    static func running(_ app: Application) async throws -> (people: MeetingDone, id: UUID) {
        let people = try await AgreementTests.published(app)
        let id = try #require(people.ids["A"])
        let application = try #require(try await ApplicationModel.find(id, on: app.db))
        application.status = .inProgress
        var form = application.form
        form.period = DayRange(start: Day("2026-01-01"), end: Day("2026-06-30"))
        application.form = form
        try await application.save(on: app.db)
        return (people, id)
    }

    /// What the unit of project `id` was told about it, oldest first.
    static func unitNotices(_ app: Application, _ id: UUID) async throws -> [NotificationModel] {
        let organization = try #require(try await ApplicationModel.find(id, on: app.db)).$organization.id
        let users = try await UserModel.query(on: app.db).filter(\.$organization.$id == organization).all()
        return try await NotificationModel.query(on: app.db).filter(\.$userID ~~ users.compactMap(\.id))
            .filter(\.$applicationID == id).sort(\.$createdAt).all()
            .filter { $0.title.contains("到期") || $0.title.contains("逾期") }
    }

    static func run(_ app: Application, _ day: String) async throws -> [ReportReminders.Sent] {
        app.now = { beijing("\(day) 08:00") }
        return try await ReportReminders.run(
            db: app.db, config: app.shenbaoConfig, today: try #require(Day(day)))
    }

    /// The province's 工作台 as its page shows it.
    static func workspace(_ app: Application) async throws -> String {
        let page = Browser(app)
        try await page.logIn("sheng", TestUsers.password)
        let response = try await page.get("/workspace")
        #expect(response.status == .ok)
        return response.body.string
    }

    @Test(
        "7 days ahead the unit is told once, by message and e-mail; once late, once more; the 工作台 lists it until it is submitted"
    )
    func dueSoonThenOverdue() async throws {
        try await withShenbao(environment: ["SHENBAO_SENDMAIL": "/bin/true"]) { app in
            let (people, id) = try await Self.running(app)

            // Eight days ahead: nothing yet.
            #expect(try await Self.run(app, "2026-03-24").isEmpty)
            #expect(try await Self.unitNotices(app, id).isEmpty)

            // Seven days ahead: one notice naming the report and its day, and an e-mail.
            let first = try await Self.run(app, "2026-03-25")
            #expect(first == [ReportReminders.Sent(applicationID: id, code: "interim", kind: .dueSoon)])
            var notices = try await Self.unitNotices(app, id)
            #expect(notices.map(\.title) == ["中期报告将于2026年4月1日到期"])
            #expect(notices.first?.body.contains("项目“项目A”的中期报告应于2026年4月1日前提交，还有7天到期") == true)
            #expect(notices.first?.link == "/applications/\(id)")
            let mails = try await MailOutboxModel.query(on: app.db).filter(\.$subject == "【湖南省科协项目申报】中期报告将于2026年4月1日到期")
                .all()
            #expect(mails.map(\.recipient) == ["danweiA@example.com"])

            // The same day again, and days later before the due day: nothing more.
            #expect(try await Self.run(app, "2026-03-25").isEmpty)
            #expect(try await Self.run(app, "2026-03-31").isEmpty)
            #expect(try await Self.unitNotices(app, id).count == 1)

            // The province sees it due soon, nothing late yet.
            app.now = { beijing("2026-03-30 09:00") }
            var html = try await Self.workspace(app)
            #expect(html.contains("逾期未交的项目报告"))
            #expect(html.contains("没有逾期未交的项目报告。"))
            #expect(html.contains("7日内到期的项目报告") && html.contains("还有2天"))

            // The day after: overdue, told once.
            let late = try await Self.run(app, "2026-04-02")
            #expect(late == [ReportReminders.Sent(applicationID: id, code: "interim", kind: .overdue)])
            #expect(try await Self.run(app, "2026-04-02").isEmpty)
            #expect(try await Self.run(app, "2026-04-03").isEmpty)
            notices = try await Self.unitNotices(app, id)
            #expect(notices.map(\.title) == ["中期报告将于2026年4月1日到期", "中期报告已逾期"])
            #expect(notices.last?.body.contains("现已逾期1天") == true)

            // The province's 工作台 lists it: project, unit, report, day due, days late, a link.
            app.now = { beijing("2026-04-03 09:00") }
            html = try await Self.workspace(app)
            let section = try #require(html.split(separator: "7日内到期的项目报告").first.map(String.init))
            #expect(section.contains("<a href=\"/applications/\(id)\">项目A</a>"))
            #expect(section.contains("项目A单位") && section.contains("中期报告"))
            #expect(section.contains("2026年4月1日") && section.contains("逾期2天"))
            #expect(!section.contains("没有逾期未交的项目报告"))
            #expect(!html.contains("项目B"))  // B is not running: nothing is asked of it yet

            // The reminders' row does not get in the unit's way: its first save (version 0) and
            // its submission go through.
            let budgets =
                try #require(try await ApplicationModel.find(id, on: app.db)).form.phases?
                .map { $0.budgetYuan ?? 0 } ?? []
            struct Save: Encodable {
                var answers: [String: Answer]
                var accounts: [Report.AccountRow]
                var version: Int
            }
            let saved = try await app.api(
                .PUT, "/api/v1/applications/\(id)/reports/interim", token: people.applicantA,
                json: Save(
                    answers: ["progress": .text("已举办两场交流活动。")],
                    accounts: budgets.map { Report.AccountRow(spentYuan: $0) }, version: 0))
            #expect(saved.status == .ok, "\(saved.body.string)")
            let submitted = try await app.api(
                .POST, "/api/v1/applications/\(id)/reports/interim/submit", token: people.applicantA)
            #expect(submitted.status == .ok, "\(submitted.body.string)")

            // Submitted: no more reminders, off the province's list.
            #expect(try await Self.run(app, "2026-04-10").isEmpty)
            #expect(try await Self.unitNotices(app, id).count == 2)
            app.now = { beijing("2026-04-10 09:00") }
            html = try await Self.workspace(app)
            #expect(html.contains("没有逾期未交的项目报告。"))
            #expect(html.contains("7日内没有到期的项目报告。"))

            // The final report's turn comes 7 days before 2026年7月30日.
            #expect(try await Self.run(app, "2026-07-22").isEmpty)
            #expect(try await Self.run(app, "2026-07-23").map(\.code) == ["final"])
        }
    }

    @Test("a project that failed acceptance is late once its rectification deadline passes without resubmission")
    func rectificationDeadline() async throws {
        try await withShenbao { app in
            let (people, id) = try await Self.running(app)
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            application.status = .acceptanceFailed
            try await application.save(on: app.db)
            for (code, status) in [("interim", Report.Status.accepted), ("final", .returned)] {
                let report = ReportModel()
                report.$application.id = id
                report.code = code
                report.status = status
                report.answers = [:]
                report.accounts = []
                report.version = 3
                // Reminded for the scheduled day already: the deadline is a new day.
                report.remindedOverdueOn = code == "final" ? "2026-07-30" : nil
                try await report.create(on: app.db)
            }
            let acceptance = AcceptanceModel()
            acceptance.$application.id = id
            acceptance.passed = false
            acceptance.score = 55
            acceptance.goals = [.partly]
            acceptance.comment = "经费决算不完整"
            acceptance.rectifyBy = "2026-09-30"
            acceptance.decidedBy = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "sheng").first()?.id)
            acceptance.decidedAt = beijing("2026-08-20 10:00")
            try await acceptance.create(on: app.db)

            // Before the deadline: not late (though past the scheduled 2026年7月30日).
            app.now = { beijing("2026-09-01 09:00") }
            var html = try await Self.workspace(app)
            #expect(html.contains("没有逾期未交的项目报告。"))
            #expect(try await Self.run(app, "2026-09-01").isEmpty)

            // The deadline passed without resubmission: late, the unit told once.
            let late = try await Self.run(app, "2026-10-01")
            #expect(late == [ReportReminders.Sent(applicationID: id, code: "final", kind: .overdue)])
            #expect(try await Self.run(app, "2026-10-02").isEmpty)
            let notices = try await Self.unitNotices(app, id)
            #expect(notices.last?.title == "总结报告已逾期")
            #expect(notices.last?.body.contains("整改期限为2026年9月30日") == true)
            app.now = { beijing("2026-10-02 09:00") }
            html = try await Self.workspace(app)
            #expect(html.contains("总结报告（整改）") && html.contains("2026年9月30日") && html.contains("逾期2天"))

            // The tracking table: each report's state, changes approved, the outcome and the score.
            let user = try #require(try await UserModel.query(on: app.db).first()?.id)
            for state in ["approved", "refused"] {
                let change = ChangeRequestModel()
                change.$application.id = id
                change.kind = "extension"
                change.request = ChangeRequest.Part(kind: .extension, newEnd: Day("2026-08-31"))
                change.reason = "外方日程调整"
                change.state = state
                change.requestedBy = user
                change.createdAt = Date()
                try await change.create(on: app.db)
            }
            let table = try await app.api(.GET, "/api/v1/calls/2025/projects.xlsx", token: people.province)
            #expect(table.status == .ok)
            let grid = try Self.grid(Data(buffer: table.body))
            let headers = try #require(grid.first { $0.first == "序号" })
            for header in ["中期报告状态", "总结报告状态", "变更次数（已同意）", "验收结论", "绩效评价得分"] {
                #expect(headers.contains(header), "\(header)")
            }
            let row = try #require(grid.first { $0.contains("项目A") })
            func cell(_ header: String) -> String? {
                headers.firstIndex(of: header).flatMap { $0 < row.count ? row[$0] : nil }
            }
            #expect(cell("中期报告状态") == "已通过")
            #expect(cell("总结报告状态") == "已退回修改（已逾期）")
            #expect(cell("变更次数（已同意）") == "1")
            #expect(cell("验收结论") == "验收不通过")
            #expect(cell("绩效评价得分") == "55")
            // Project B is published but not running: its reports not begun, nothing decided.
            let b = try #require(grid.first { $0.contains("项目B") })
            #expect(headers.firstIndex(of: "中期报告状态").map { $0 >= b.count || b[$0] == "" } == true)
        }
    }

    /// The workbook's first sheet as rows of texts (shared strings resolved, numbers as written),
    /// each cell at its column.
    static func grid(_ data: Data) throws -> [[String]] {
        let strings = try CallEditorTests.zipEntry(data, "xl/sharedStrings.xml")
            .matches(of: /<si>(.*?)<\/si>/.dotMatchesNewlines()).map { item in
                String(item.output.1).matches(of: /<t(?: [^>]*)?>([^<]*)<\/t>/).map { String($0.output.1) }.joined()
            }
        let sheet = try CallEditorTests.zipEntry(data, "xl/worksheets/sheet1.xml")
        return sheet.matches(of: /<row[^>]*>(.*?)<\/row>/.dotMatchesNewlines()).map { row in
            var cells: [String] = []
            for cell in String(row.output.1).matches(of: /<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/) {
                let column = String(cell.output.1).unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
                while cells.count < column { cells.append("") }
                let value = cell.output.3.map(String.init) ?? ""
                cells.append(cell.output.2.contains("t=\"s\"") ? (Int(value).map { strings[$0] } ?? "") : value)
            }
            return cells
        }
    }
}
