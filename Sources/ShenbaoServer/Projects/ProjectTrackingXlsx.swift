import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The province's tracking table of a call's funded projects (项目跟踪表, issue 30 item 8): what
/// it keeps in Excel today — the approved amount, what was paid and what remains, where each
/// project stands and when its agreement was confirmed. Read a batch at a time, never one query
/// per project.
struct ProjectTrackingXlsx: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRoles(.province, .finance)).get(
            "api", "v1", "calls", ":callId", "projects.xlsx", use: download)
    }

    static let headers = [
        "序号", "申报编号", "项目名称", "项目类别", "承担单位", "批准金额（万元）", "已拨付（万元）", "剩余（万元）", "拨付笔数", "项目状态", "任务书确认时间",
    ]

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
        var rows: [[XlsxCell]] = [
            [.text("\(call.programme)立项项目跟踪表", style: .title)],
            Self.headers.map { .text($0, style: .header) },
        ]
        for (index, project) in projects.enumerated() {
            let id = try project.requireID()
            // The same sums the project's page shows (Disbursement.Summary), bounded as it bounds them.
            let summary = Disbursement.Summary(approvedYuan: approved[id] ?? 0, payments: paid[id] ?? [])
            rows.append([
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
            ])
        }
        var workbook = XlsxWorkbook()
        workbook.addSheet(
            XlsxSheet(
                name: "立项项目跟踪", rows: rows, columnWidths: [6, 15, 36, 20, 30, 14, 14, 14, 10, 14, 20],
                merges: ["A1:\(CellReference.columnName(Self.headers.count))1"], frozenRows: 2,
                printSetup: XlsxPrintSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 2...2)))
        return Response.download(
            try workbook.data(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: ApplicationPackage.safeName(call.programme + "立项项目跟踪表") + ".xlsx")
    }
}
