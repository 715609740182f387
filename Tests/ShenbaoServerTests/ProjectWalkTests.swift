import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Issue 30's "done means": one funded project walked through the API from its award letter to
/// acceptance — the agreement uploaded and confirmed, two payments (a third beyond the amount
/// refused), a change approved, an interim report returned and resubmitted, a final report with
/// its 经费决算 accepted, a score recorded — and every step on the timeline and in the audit chain.
@Suite("A funded project from award letter to acceptance")
struct ProjectWalkTests {
    struct Draft: Encodable {
        var answers: [String: Answer]
        var accounts: [Report.AccountRow]
        var version: Int?
    }
    struct ReportItem: Decodable {
        var code: String
        var dueOn: String?
        var overdue: Bool
        var status: String
        var editable: Bool
        var version: Int
        var budgetedYuan: Int
        var spentYuan: Int
        var returnComment: String?
        var evidence: [Evidence]
    }
    struct Evidence: Decodable {
        var typeLabel: String
        var name: String
    }
    struct Reports: Decodable { var items: [ReportItem] }
    struct Decided: Decodable {
        var passed: Bool
        var score: Int
        var grade: String
        var goalLabels: [String]
        var rectifyBy: String?
    }
    struct Decisions: Decodable { var items: [Decided] }

    static func status(_ app: Application, _ id: UUID) async throws -> ApplicationStatus? {
        try await ApplicationModel.find(id, on: app.db)?.status
    }

    static func reports(_ app: Application, _ id: UUID, token: String) async throws -> [String: ReportItem] {
        let response = try await app.api(.GET, "/api/v1/applications/\(id)/reports", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return Dictionary(uniqueKeysWithValues: try response.content.decode(Reports.self).items.map { ($0.code, $0) })
    }

    @Test("award letter → agreement → payments → change → reports → acceptance, all on the timeline and audited")
    func walk() async throws {
        try await withShenbao { app in
            let people = try await AgreementTests.published(app)
            let id = try #require(people.ids["A"])
            let unit = people.applicantA
            let province = people.province
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ReviewFixtures.token(app, "yuelu", .recommender, organization: people.county)
            let base = "/api/v1/applications/\(id)"
            // The plan the reports follow: 2026, two phases of 5 and 10 万元.
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            var form = application.form
            form.period = DayRange(start: Day("2026-01-01"), end: Day("2026-12-31"))
            form.phases = [Phase(budgetYuan: 50_000, goal: "筹备会议"), Phase(budgetYuan: 100_000, goal: "举办会议")]
            application.form = form
            try await application.save(on: app.db)

            // 1. The award letter, then the agreement signed, uploaded and confirmed.
            #expect(try await app.api(.GET, base + "/documents/award-letter.docx", token: unit).status == .ok)
            let uploaded = try await ApplicationFixtures.upload(
                app, id, token: unit, kind: "agreement", name: "任务书盖章.pdf", to: "agreement")
            #expect(uploaded.status == .ok, "\(uploaded.body.string)")
            #expect(try await app.api(.POST, base + "/agreement/confirm", token: province).status == .ok)
            #expect(try await Self.status(app, id) == .inProgress)

            // 2. Two payments; a third beyond the approved 15万元 refused with the numbers.
            app.now = { beijing("2026-03-10 10:00") }
            for (yuan, voucher) in [(100_000, "记-2026-001"), (50_000, "记-2026-002")] {
                let paid = try await app.api(
                    .POST, base + "/disbursements", token: finance,
                    json: DisbursementServerTests.Payment(amountYuan: yuan, voucherNumber: voucher))
                #expect(paid.status == .created, "\(paid.body.string)")
            }
            let beyond = try await app.api(
                .POST, base + "/disbursements", token: finance,
                json: DisbursementServerTests.Payment(amountYuan: 1, voucherNumber: "记-2026-003"))
            #expect(beyond.status == .conflict)
            #expect(beyond.problems?.error.code == "disbursementAboveApproved")

            // 3. A change approved: the budget moves 1万元 from the second phase to the first.
            let asked = try await app.api(
                .POST, base + "/changes", token: unit,
                json: ChangeRequestServerTests.Ask(kind: "budget", budgetsYuan: [60_000, 90_000]))
            #expect(asked.status == .created, "\(asked.body.string)")
            let change = try asked.content.decode(ChangeRequestServerTests.Item.self)
            let approved = try await app.api(
                .POST, base + "/changes/\(change.id)/decision", token: province,
                json: ChangeRequestServerTests.Decision(approve: true, comment: "同意"))
            #expect(approved.status == .ok, "\(approved.body.string)")
            // The change as its form, to sign and stamp: before and after, the province's decision.
            let changeDocument = try await app.api(
                .GET, base + "/changes/\(change.id)/document.docx", token: unit)
            #expect(changeDocument.status == .ok)
            let changeTexts = AgreementTests.texts(try AgreementTests.documentXML(changeDocument))
            for text in ["项目变更申请表", "经费调整", "审核结果", "已同意", "项目负责人（签字）：", "承担单位（盖章）"] {
                #expect(changeTexts.contains(text), "\(text)")
            }
            #expect(changeTexts.contains { $0.contains("6万元") })
            #expect(try await app.api(.GET, base + "/changes/\(UUID())/document.docx", token: unit).status == .notFound)

            // 4. The interim report: due halfway, saved, submitted, returned, resubmitted, accepted.
            var reports = try await Self.reports(app, id, token: unit)
            #expect(reports["interim"]?.dueOn == "2026-07-02")
            #expect(reports["final"]?.dueOn == "2027-01-30")
            #expect(reports["interim"]?.budgetedYuan == 150_000)
            app.now = { beijing("2026-06-25 10:00") }
            let interim = Draft(
                answers: ["progress": .text("已召开筹备会两次")], accounts: [.init(spentYuan: 60_000), .init(spentYuan: 0)])
            let saved = try await app.api(.PUT, base + "/reports/interim", token: unit, json: interim)
            #expect(saved.status == .ok, "\(saved.body.string)")
            // The second phase has not been spent as budgeted: submitting asks why, naming the row.
            let unexplained = try await app.api(.POST, base + "/reports/interim/submit", token: unit)
            #expect(unexplained.status == .unprocessableEntity)
            #expect(
                unexplained.problems?.errors.map(\.message) == [
                    "第2阶段的实际支出（0万元）与预算（9万元）不一致，请填写差异说明"
                ])
            var explained = interim
            explained.accounts[1].explanation = "第二阶段尚未开始"
            #expect(try await app.api(.PUT, base + "/reports/interim", token: unit, json: explained).status == .ok)
            #expect(try await app.api(.POST, base + "/reports/interim/submit", token: unit).status == .ok)
            // A double click finds it submitted.
            let twice = try await app.api(.POST, base + "/reports/interim/submit", token: unit)
            #expect(twice.status == .conflict)
            // Only the province decides; a return needs what to change.
            #expect(
                try await app.api(.POST, base + "/reports/interim/decision", token: finance, json: ["accept": true])
                    .status == .forbidden)
            let bare = try await app.api(
                .POST, base + "/reports/interim/decision", token: province, json: ["accept": false])
            #expect(bare.problems?.errors.map(\.message) == ["请填写退回报告的意见"])
            let returned = try await app.api(
                .POST, base + "/reports/interim/decision", token: province,
                json: DecisionBody(accept: false, comment: "请补充筹备会的参会外方人数"))
            #expect(returned.status == .ok, "\(returned.body.string)")
            reports = try await Self.reports(app, id, token: unit)
            #expect(reports["interim"]?.status == "returned")
            #expect(reports["interim"]?.returnComment == "请补充筹备会的参会外方人数")
            #expect(try await Self.status(app, id) == .inProgress)
            var corrected = explained
            corrected.answers["progress"] = .text("已召开筹备会两次，外方3人参加")
            corrected.version = reports["interim"]?.version
            #expect(try await app.api(.PUT, base + "/reports/interim", token: unit, json: corrected).status == .ok)
            // A save from a page built before that one is refused, not lost.
            let stale = try await app.api(.PUT, base + "/reports/interim", token: unit, json: corrected)
            #expect(stale.status == .conflict)
            #expect(try await app.api(.POST, base + "/reports/interim/submit", token: unit).status == .ok)
            let accepted = try await app.api(
                .POST, base + "/reports/interim/decision", token: province, json: ["accept": true])
            #expect(accepted.status == .ok, "\(accepted.body.string)")

            // 5. The final report with its 经费决算 and evidence: 验收中, then accepted.
            app.now = { beijing("2027-01-10 10:00") }
            let final = Draft(
                answers: [
                    "completion": .text("会议如期举办"), "outcomes": .text("签署合作备忘录一份"), "participants": .number(180),
                    "countries": .text("德国、日本"), "agreementSigned": .flag(true),
                ],
                accounts: [.init(spentYuan: 60_000), .init(spentYuan: 85_000, explanation: "会场费用低于预算")])
            #expect(try await app.api(.PUT, base + "/reports/final", token: unit, json: final).status == .ok)
            let noEvidence = try await app.api(.POST, base + "/reports/final/submit", token: unit)
            #expect(noEvidence.problems?.errors.map(\.field) == ["evidence"])
            let badKind = try await ApplicationFixtures.upload(
                app, id, token: unit, kind: "menu", name: "议程.pdf", to: "reports/final/evidence")
            #expect(badKind.problems?.errors.first?.message.hasPrefix("请选择佐证材料的类别") == true)
            let agenda = try await ApplicationFixtures.upload(
                app, id, token: unit, kind: "agenda", name: "会议议程.pdf", to: "reports/final/evidence")
            #expect(agenda.status == .created, "\(agenda.body.string)")
            // A photo uploaded by mistake is removed while the report is editable.
            let photo = try await ApplicationFixtures.upload(
                app, id, token: unit, kind: "photos", name: "误传.pdf", data: Data("%PDF-1.4\n误传\n%%EOF\n".utf8),
                to: "reports/final/evidence")
            #expect(photo.status == .created, "\(photo.body.string)")
            let mistaken = try #require(
                try await AttachmentModel.query(on: app.db).filter(\.$name == "误传.pdf").first()?.requireID())
            let removed = try await app.api(.DELETE, base + "/reports/final/evidence/\(mistaken)", token: unit)
            #expect(removed.status == .noContent)
            #expect(try await AttachmentModel.find(mistaken, on: app.db) == nil)
            #expect(try await app.api(.POST, base + "/reports/final/submit", token: unit).status == .ok)
            #expect(try await Self.status(app, id) == .reporting)
            reports = try await Self.reports(app, id, token: county)
            #expect(reports["final"]?.spentYuan == 145_000)
            #expect(reports["final"]?.evidence.map(\.typeLabel) == ["会议议程或活动日程"])
            // Acceptance waits for the report to be accepted.
            let early = try await app.api(.POST, base + "/acceptance", token: province, json: Self.pass)
            #expect(early.status == .conflict)
            #expect(
                try await app.api(.POST, base + "/reports/final/decision", token: province, json: ["accept": true])
                    .status == .ok)

            // 6. Acceptance with a score against the goals.
            let inconsistent = try await app.api(
                .POST, base + "/acceptance", token: province,
                json: AcceptanceBody(passed: true, score: 50, goals: ["met", "met"], comment: "完成"))
            #expect(
                inconsistent.problems?.errors.map(\.message) == ["验收通过的项目绩效评价得分不能低于60分，现为50分"])
            let recorded = try await app.api(.POST, base + "/acceptance", token: province, json: Self.pass)
            #expect(recorded.status == .created, "\(recorded.body.string)")
            #expect(try await Self.status(app, id) == .acceptancePassed)
            let decisions = try await app.api(.GET, base + "/acceptance", token: unit).content.decode(Decisions.self)
            #expect(decisions.items.first?.score == 88)
            #expect(decisions.items.first?.grade == "良好")
            #expect(decisions.items.first?.goalLabels == ["已完成", "部分完成"])
            // Accepted: its reports are closed to change.
            let late = try await app.api(.PUT, base + "/reports/interim", token: unit, json: corrected)
            #expect(late.status == .conflict)
            #expect(
                late.problems?.error.message == "项目当前状态为“已验收”，只有项目执行中（任务书确认后）至验收通过前可以填写或审核报告")
            #expect(try await app.api(.POST, base + "/close", token: province, json: ["comment": "已结题"]).status == .ok)
            #expect(try await Self.status(app, id) == .closed)
            // The dashboard's funnel counts it as executed and, closed after a pass, accepted.
            let dashboard = try await DashboardTests().dashboard(app, token: province, query: "?callId=2025")
            #expect(dashboard.stages["underway"] == 1)
            #expect(dashboard.stages["acceptancePassed"] == 1)

            // Every step on the timeline, in order, and the hash chains intact.
            let actions = try await ApplicationEventModel.query(on: app.db).filter(\.$application.$id == id)
                .sort(\.$sequence).all().map(\.action)
            let walked = actions.drop { $0 != "submitAgreement" }
            #expect(
                Array(walked) == [
                    "submitAgreement", "confirmAgreement", "disburse", "disburse", "requestChange", "decideChange",
                    "submitReport", "returnReport", "submitReport", "acceptReport", "attach", "attach", "detach",
                    "submitFinalReport",
                    "acceptReport", "passAcceptance", "close",
                ])
            let audited = try await SecurityEventModel.query(on: app.db)
                .filter(
                    \.$action ~~ [
                        .reportSubmitted, .reportReturned, .reportAccepted, .acceptanceRecorded, .projectClosed,
                    ]
                )
                .all().map(\.action.rawValue)
            #expect(audited.count == 8)
            let verification = try await AuditVerifier.verify(on: app.db)
            #expect(verification.firstBreak == nil)
            // The unit was told of each decision.
            let titles = try await NotificationModel.query(on: app.db).filter(\.$applicationID == id).all().map(\.title)
            for title in ["中期报告被退回修改", "中期报告已通过审核", "总结报告已通过审核", "项目验收通过", "项目已结题"] {
                #expect(titles.contains(title), "\(title)")
            }
        }
    }

    struct DecisionBody: Encodable {
        var accept: Bool
        var comment: String?
    }
    struct AcceptanceBody: Encodable {
        var passed: Bool
        var score: Int
        var goals: [String]
        var comment: String
        var rectifyBy: String?
    }
    static let pass = AcceptanceBody(passed: true, score: 88, goals: ["met", "partly"], comment: "达到预期目标")

    @Test("a project not accepted rectifies by its deadline: the final report reopens and goes back to 验收中")
    func rectification() async throws {
        try await withShenbao { app in
            let (people, id) = try await ChangeRequestServerTests.project(app, status: .reporting)
            let report = ReportModel()
            report.$application.id = id
            report.code = "final"
            report.status = .accepted
            report.answers = [:]
            report.accounts = []
            report.version = 1
            try await report.create(on: app.db)
            app.now = { beijing("2027-01-20 10:00") }
            let base = "/api/v1/applications/\(id)"
            let missing = try await app.api(
                .POST, base + "/acceptance", token: people.province,
                json: AcceptanceBody(passed: false, score: 40, goals: ["notMet", "partly"], comment: "未达到目标"))
            #expect(missing.problems?.errors.map(\.message) == ["请填写整改期限"])
            let failed = try await app.api(
                .POST, base + "/acceptance", token: people.province,
                json: AcceptanceBody(
                    passed: false, score: 40, goals: ["notMet", "partly"], comment: "未达到目标", rectifyBy: "2027-03-31"))
            #expect(failed.status == .created, "\(failed.body.string)")
            #expect(try await Self.status(app, id) == .acceptanceFailed)
            let reports = try await Self.reports(app, id, token: people.applicantA)
            #expect(reports["final"]?.status == "returned")
            #expect(reports["final"]?.editable == true)
            #expect(reports["final"]?.returnComment == "未达到目标")
            // Its due day is now the 整改期限, late the day after.
            #expect(reports["final"]?.dueOn == "2027-03-31")
            #expect(reports["final"]?.overdue == false)
            app.now = { beijing("2027-04-01 10:00") }
            #expect(try await Self.reports(app, id, token: people.applicantA)["final"]?.overdue == true)
            let note = try await NotificationModel.query(on: app.db).filter(\.$applicationID == id)
                .filter(\.$title == "项目验收不通过").first()
            #expect(note?.body.contains("整改期限2027年3月31日") == true)
        }
    }

    @Test("the province sets the call's reports in its editor; projects follow; a saved report stays")
    func reportsOfTheCall() async throws {
        try await withShenbao { app in
            let (people, id) = try await ChangeRequestServerTests.project(app)
            var call = try await CallEditorTests.load(app, 2025, token: people.province)
            #expect(call.reports?.map(\.title) == ["中期报告", "总结报告"])
            // Every mistake at once.
            call.reports = [
                ReportDefinition(code: "q1", title: "", kind: .interim, dueOn: "六月底", questions: []),
                ReportDefinition(code: "q1", title: "总结报告", kind: .final, daysAfterEnd: 999, questions: []),
            ]
            let refused = try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.province, json: call)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                Set(refused.problems?.errors.map(\.field) ?? []) == [
                    "reports[0].title", "reports[0].dueOn", "reports[1].code", "reports[1].daysAfterEnd",
                ])
            // A quarterly report on a fixed day with a question of its own, and the final one.
            call.reports = [
                ReportDefinition(
                    code: "q2", title: "第二季度进展报告", kind: .interim, dueOn: "2026-06-30",
                    questions: [Question(code: "events", label: "本季度举办活动次数", kind: .number, required: true, minimum: 0)]
                ),
                ReportDefinition.standard[1],
            ]
            let saved = try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.province, json: call)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let reports = try await Self.reports(app, id, token: people.applicantA)
            #expect(reports.keys.sorted() == ["final", "q2"])
            #expect(reports["q2"]?.dueOn == "2026-06-30")
            let missing = try await app.api(
                .PUT, "/api/v1/applications/\(id)/reports/q2", token: people.applicantA,
                json: Draft(answers: [:], accounts: [.init(spentYuan: 50_000), .init(spentYuan: 100_000)]))
            #expect(missing.status == .ok)
            let submit = try await app.api(
                .POST, "/api/v1/applications/\(id)/reports/q2/submit", token: people.applicantA)
            #expect(submit.problems?.errors.map(\.message) == ["请填写本季度举办活动次数"])
            // Saved by a unit, the report can no longer be taken out of the call.
            call.reports = [ReportDefinition.standard[1]]
            let removal = try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.province, json: call)
            #expect(removal.status == .conflict || removal.status == .unprocessableEntity)
            #expect(removal.problems?.errors.map(\.message) == ["已有项目填写了“第二季度进展报告”，不能删除这份报告"])
        }
    }
}
