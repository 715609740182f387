import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The province's list of every application of a call, as a spreadsheet: what the clerks keep in
/// Excel today, now written by the same writer as form 3.
struct ApplicationListXlsx: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRoles(.province, .finance)).get(
            "api", "v1", "calls", ":callId", "applications.xlsx", use: download)
    }

    static let headers = ["序号", "申报编号", "项目名称", "项目类别", "申报单位", "所在地", "推荐单位", "申请金额（万元）", "状态", "提交时间"]

    func download(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let applications = try await ApplicationModel.query(on: req.db).filter(\.$call.$id == call.requireID())
            .filter(\.$submittedAt != nil).sort(\.$submittedAt).all()
        let organizations = try await OrganizationModel.query(on: req.db).all()
        var names: [UUID: String] = [:]
        for organization in organizations { if let id = organization.id { names[id] = organization.name } }
        // The call's extra questions, a column each after the fixed ones (补充信息).
        let questions = call.current.questions ?? []
        let files = try await Self.questionFiles(of: applications, questions: questions, on: req.db)
        var rows: [[XlsxCell]] = [
            [.text("\(call.programme)申报书一览", style: .title)],
            (Self.headers + questions.map(\.label)).map { .text($0, style: .header) },
        ]
        for (index, application) in applications.enumerated() {
            rows.append(
                [
                    .number(Double(index + 1), style: .bodyCenter),
                    .text(application.number ?? "", style: .bodyCenter),
                    .text(application.form.projectName ?? "", style: .body),
                    .text(FormTexts.categoryLabel(application.category), style: .body),
                    .text(
                        application.organizationSnapshot?.name ?? names[application.$organization.id] ?? "",
                        style: .body),
                    .text(
                        application.divisionCode.flatMap { DivisionCatalog.hunan.displayName(code: $0) } ?? "",
                        style: .body
                    ),
                    .text(application.$recommender.id.flatMap { names[$0] } ?? "", style: .body),
                    application.form.requestedYuan.map { .number(Double($0) / 10_000, style: .bodyCenter) } ?? .empty,
                    .text(application.status.label, style: .bodyCenter),
                    .text(application.submittedAt.map(ChineseFormat.dateTime) ?? "", style: .bodyCenter),
                ]
                    + questions.map { question in
                        guard question.asks(application.category) else { return .empty }
                        if question.kind == .file {
                            return .text(
                                files[application.id ?? UUID()]?[question.code]?.joined(separator: "、") ?? "",
                                style: .body)
                        }
                        return .text(
                            application.form.answers?[question.code]?.display(for: question) ?? "", style: .body)
                    })
        }
        let lastColumn = CellReference.columnName(Self.headers.count + questions.count)
        var workbook = XlsxWorkbook()
        workbook.addSheet(
            XlsxSheet(
                name: "申报书一览", rows: rows,
                columnWidths: [6, 15, 36, 20, 30, 18, 24, 14, 14, 20] + questions.map { _ in 24 },
                merges: ["A1:\(lastColumn)1"],
                frozenRows: 2,
                printSetup: XlsxPrintSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 2...2)))
        return Response.download(
            try workbook.data(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: "\(call.year)年度申报书一览.xlsx")
    }

    /// For each application, the names of the files uploaded for each file question.
    static func questionFiles(of applications: [ApplicationModel], questions: [Question], on db: any Database)
        async throws -> [UUID: [String: [String]]]
    {
        let codes = questions.filter { $0.kind == .file }.map(\.code)
        guard !codes.isEmpty else { return [:] }
        let files = try await AttachmentModel.query(on: db).filter(\.$application.$id ~~ applications.compactMap(\.id))
            .filter(\.$conditionCode ~~ codes).all()
        var result: [UUID: [String: [String]]] = [:]
        for file in files {
            guard let code = file.conditionCode else { continue }
            result[file.$application.id, default: [:]][code, default: []].append(file.name)
        }
        return result
    }
}
