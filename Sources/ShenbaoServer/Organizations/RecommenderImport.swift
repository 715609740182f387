import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// Imports a list of recommender organisations (.xlsx, or .csv in UTF-8 or GBK as Excel and WPS
/// save it), all or nothing: every problem of every row is reported at once, and nothing is stored
/// until none is left. Each one created gets its own audit line.
struct RecommenderImport {
    let request: Request

    /// The columns, by the headers clerks write (a few spellings each).
    enum Column: ImportColumn {
        case name, kind, division

        var headers: [String] {
            switch self {
            case .name: ["单位名称", "推荐单位名称", "推荐单位", "名称"]
            case .kind: ["类别", "推荐单位类别", "单位类别"]
            case .division: ["行政区划代码", "区划代码", "行政区划"]
            }
        }
    }

    struct Created: Content {
        var row: Int
        var id: UUID
        var name: String
        var kindLabel: String
    }

    struct Result: Content {
        var imported: Int
        var recommenders: [Created]
    }

    static let template = "单位名称,类别,行政区划代码"
    /// Far more than Hunan has (some 140 associations and a few hundred societies).
    static let maximumRows = 2000

    func run(data: Data, fileName: String) async throws -> Result {
        // The division column may be left out of a list with no city or county association.
        let table = try ImportTable<Column>(
            data: data, fileName: fileName, optional: [.division], template: Self.template, nothing: "推荐单位")
        guard table.rows.count <= Self.maximumRows else {
            throw AppError.validation([
                Problem(
                    field: "file", code: .tooManyRows,
                    message: "一次最多导入\(Self.maximumRows)个推荐单位，文件中有\(table.rows.count)行，请分批导入")
            ])
        }
        let existing = Set(
            try await OrganizationModel.query(on: request.db).filter(\.$kind == .recommender).field(\.$name).all()
                .map(\.name))
        var problems: [Problem] = []
        var prepared: [(line: Int, organization: OrganizationModel)] = []
        var seen: [String: Int] = [:]
        for (line, cells) in table.rows {
            func cell(_ column: Column) -> String? { table.cell(column, of: cells) }
            let form = RecommenderForm(name: cell(.name), kind: cell(.kind), divisionCode: cell(.division))
                .normalized()
            var found = RecommenderRules.problems(in: form, divisions: .hunan, prefix: "rows[\(line)]")
            if let name = form.name {
                if let first = seen[name] {
                    found.append(
                        Problem(field: "rows[\(line)].name", code: .duplicate, message: "单位名称“\(name)”与第\(first)行重复"))
                } else if existing.contains(name) {
                    found.append(
                        Problem(field: "rows[\(line)].name", code: .duplicate, message: "已有名为“\(name)”的推荐单位"))
                }
                seen[name] = seen[name] ?? line
            }
            problems += found.map { Problem(field: $0.field, code: $0.code, message: "第\(line)行：\($0.message)") }
            if found.isEmpty, let name = form.name, let kind = form.recommenderKind {
                prepared.append(
                    (
                        line,
                        OrganizationModel(recommender: name, kind: kind, divisionCode: form.divisionCode, seedKey: nil)
                    ))
            }
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let ready = prepared
        let file = String(fileName.prefix(80))
        try await request.db.transaction { db in
            try await TransactionLock.hold(RecommenderAdmin.nameLock, on: db)
            let names = ready.map(\.organization.name)
            let taken = try await OrganizationModel.query(on: db).filter(\.$kind == .recommender)
                .filter(\.$name ~~ names).field(\.$name).all().map(\.name)
            guard taken.isEmpty else {
                // Added by someone else while the file was checked.
                throw AppError.validation(
                    ready.filter { taken.contains($0.organization.name) }.map {
                        Problem(
                            field: "rows[\($0.line)].name", code: .duplicate,
                            message: "第\($0.line)行：已有名为“\($0.organization.name)”的推荐单位")
                    })
            }
            for (line, organization) in ready {
                try await organization.create(on: db)
                try await AuditTrail.record(
                    .organizationCreated, by: request.currentUser, subject: RecommenderAdmin.subject(organization),
                    detail: "导入新增推荐单位（“\(file)”第\(line)行）：\(RecommenderAdmin.describe(organization))",
                    request: request, on: db)
            }
        }
        return Result(
            imported: ready.count,
            recommenders: try ready.map {
                Created(
                    row: $0.line, id: try $0.organization.requireID(), name: $0.organization.name,
                    kindLabel: $0.organization.recommenderKind?.label ?? "")
            })
    }
}
