import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The province's tracking table of a call's funded projects (项目跟踪表, issue 30 item 8): what
/// it keeps in Excel today — the approved amount, what was paid and what remains, where each
/// project stands and when its agreement was confirmed, each report's state (late ones marked),
/// the changes approved, the acceptance's outcome and score. Read a batch at a time, never one
/// query per project.
struct ProjectTrackingXlsx: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRoles(.province, .finance)).get(
            "api", "v1", "calls", ":callId", "projects.xlsx", use: download)
    }

    static let headers = [
        "序号", "申报编号", "项目名称", "项目类别", "承担单位", "批准金额（万元）", "已拨付（万元）", "剩余（万元）", "拨付笔数", "项目状态", "任务书确认时间",
    ]

    /// After the reports' columns (one per report the call asks, `中期报告状态`…).
    static let closingHeaders = ["变更次数（已同意）", Acceptance.Label.outcome, Acceptance.Label.score]

    /// Every header, the call's reports included.
    static func headers(reports: [ReportDefinition]) -> [String] {
        headers + reports.map { "\($0.title)状态" } + closingHeaders
    }

    /// A report's cell: its state, late ones marked (as the 工作台 judges them); a report the unit
    /// has not begun is 未开始填写 while the project runs, and empty before.
    static func reportState(
        _ report: ReportModel?, _ definition: ReportDefinition, of project: ApplicationModel, rectifyBy: String?,
        today: Day
    ) -> String {
        let running = ApplicationStatus.underway.contains(project.status)
        guard report != nil || running else { return "" }
        let status = report?.status ?? .draft
        let (due, _) = ReportReminders.due(definition, of: project, rectifyBy: rectifyBy)
        // A project already accepted owes nothing more: no report of it is late.
        let late =
            ReportReminders.statuses.contains(project.status)
            && ReportReminder.isOverdue(due: due, status: status, today: today)
        return (report == nil ? "未开始填写" : status.label) + (late ? "（已逾期）" : "")
    }

    func download(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let projects = try await ApplicationModel.query(on: req.db).filter(\.$call.$id == call.requireID())
            .filter(\.$status ~~ Array(ApplicationStatus.fundedProject)).sort(\.$number).all()
        let ids = projects.compactMap(\.id)
        var approved: [UUID: Int] = [:]
        for decision in try await MeetingDecisionModel.query(on: req.db).filter(\.$application.$id ~~ ids)
            .filter(\.$funded == true).all()
        {
            approved[decision.$application.id] = decision.amountYuan ?? 0
        }
        var paid: [UUID: [Int]] = [:]
        for payment in try await DisbursementModel.query(on: req.db).filter(\.$application.$id ~~ ids).all() {
            paid[payment.$application.id, default: []].append(payment.amountYuan)
        }
        var confirmed: [UUID: Date] = [:]
        for event in try await ApplicationEventModel.query(on: req.db).filter(\.$application.$id ~~ ids)
            .filter(\.$action == EventAction.workflow(.confirmAgreement).rawValue).sort(\.$sequence).all()
        {
            confirmed[event.$application.id] = event.at
        }
        let reportDefinitions = try await CallDefinitionCache.definition(of: call.requireID(), on: req.db)
            .projectReports
        var reports: [UUID: [String: ReportModel]] = [:]
        for report in try await ReportModel.query(on: req.db).filter(\.$application.$id ~~ ids).all() {
            reports[report.$application.id, default: [:]][report.code] = report
        }
        var changes: [UUID: Int] = [:]
        for change in try await ChangeRequestModel.query(on: req.db).filter(\.$application.$id ~~ ids)
            .filter(\.$state == ChangeRequestModel.State.approved.rawValue).all()
        {
            changes[change.$application.id, default: 0] += 1
        }
        var acceptances: [UUID: AcceptanceModel] = [:]
        for decision in try await AcceptanceModel.query(on: req.db).filter(\.$application.$id ~~ ids)
            .sort(\.$decidedAt).all()
        {
            acceptances[decision.$application.id] = decision  // the newest stays
        }
        let today = ChineseFormat.today(req.now)
        let headers = Self.headers(reports: reportDefinitions)
        var rows: [[XlsxCell]] = [
            [.text("\(call.programme)立项项目跟踪表", style: .title)],
            headers.map { .text($0, style: .header) },
        ]
        for (index, project) in projects.enumerated() {
            let id = try project.requireID()
            // The same sums the project's page shows (Disbursement.Summary), bounded as it bounds them.
            let summary = Disbursement.Summary(approvedYuan: approved[id] ?? 0, payments: paid[id] ?? [])
            var row: [XlsxCell] = [
                .number(Double(index + 1), style: .bodyCenter),
                .text(project.number ?? "", style: .bodyCenter),
                .text(project.form.projectName ?? "", style: .body),
                .text(FormTexts.categoryLabel(project.category), style: .body),
                .text(project.organizationSnapshot?.name ?? "", style: .body),
                .number(Double(summary.approvedYuan) / 10_000, style: .bodyCenter),
                .number(Double(summary.paidYuan) / 10_000, style: .bodyCenter),
                .number(Double(summary.remainingYuan) / 10_000, style: .bodyCenter),
                .number(Double(paid[id]?.count ?? 0), style: .bodyCenter),
                .text(project.status.label, style: .bodyCenter),
                .text(confirmed[id].map(ChineseFormat.dateTime) ?? "", style: .bodyCenter),
            ]
            let acceptance = acceptances[id]
            let rectifyBy = acceptance.flatMap { $0.passed ? nil : $0.rectifyBy }
            for definition in reportDefinitions {
                let state = Self.reportState(
                    reports[id]?[definition.code], definition, of: project, rectifyBy: rectifyBy, today: today)
                row.append(.text(state, style: .bodyCenter))
            }
            row.append(.number(Double(changes[id] ?? 0), style: .bodyCenter))
            row.append(.text(acceptance.map { $0.passed ? "验收通过" : "验收不通过" } ?? "", style: .bodyCenter))
            row.append(
                acceptance.map { .number(Double($0.score), style: .bodyCenter) } ?? .text("", style: .bodyCenter))
            rows.append(row)
        }
        var workbook = XlsxWorkbook()
        workbook.addSheet(
            XlsxSheet(
                name: "立项项目跟踪", rows: rows,
                columnWidths: [6, 15, 36, 20, 30, 14, 14, 14, 10, 14, 20] + reportDefinitions.map { _ in 16 }
                    + [12, 12, 12],
                merges: ["A1:\(CellReference.columnName(headers.count))1"], frozenRows: 2,
                printSetup: XlsxPrintSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 2...2)))
        return Response.download(
            try workbook.data(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: ApplicationPackage.safeName(call.programme + "立项项目跟踪表") + ".xlsx")
    }
}
