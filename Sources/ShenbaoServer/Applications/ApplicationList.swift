import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShenbaoCore

/// Lines of lists, with organisation and holder names loaded in one query, not one per line.
enum ApplicationList {
    static func summaries(_ applications: [SummaryRow], on db: any Database) async throws -> [ApplicationSummary] {
        let ids = Set(applications.flatMap { [$0.organizationID] + ($0.holderID.map { [$0] } ?? []) })
        let organizations = try await OrganizationModel.query(on: db).filter(\.$id ~~ Array(ids))
            .field(\.$id).field(\.$name).all()
        var names: [UUID: String] = [:]
        for organization in organizations {
            if let id = organization.id { names[id] = organization.name }
        }
        return applications.map { application in
            let organizationName = names[application.organizationID] ?? ""
            return ApplicationSummary(
                id: application.id, number: application.number, category: application.category,
                categoryLabel: FormTexts.categoryLabel(application.category),
                projectName: application.projectName.flatMap { $0.isEmpty ? nil : $0 } ?? "（未命名项目）",
                organizationName: organizationName, status: application.status, statusLabel: application.status.label,
                holderName: application.holderID.flatMap { names[$0] } ?? organizationName,
                requestedYuan: application.requestedYuan,
                requestedWan: application.requestedYuan.map { ChineseFormat.wan($0) + " 万元" } ?? "—",
                updatedAt: application.updatedAt,
                updatedAtText: application.updatedAt.map(ChineseFormat.dateTime) ?? "")
        }
    }
}

/// The columns a list line shows, read straight from the rows: a model is some thirty property
/// objects made, filled and freed, and for a page of fifty that was the largest cost of the
/// province's list in the profile.
struct SummaryRow: Sendable {
    var id: UUID
    var category: ShenbaoCore.Category
    var organizationID: UUID
    var status: ApplicationStatus
    var holderID: UUID?
    var projectName: String?
    var requestedYuan: Int?
    var number: String?
    var updatedAt: Date?

    init(_ row: any DatabaseOutput) throws {
        let row = row.schema(ApplicationModel.schema)
        func optional<T: Decodable>(_ key: FieldKey, _ type: T.Type) throws -> T? {
            try row.decodeNil(key) ? nil : row.decode(key, as: T.self)
        }
        id = try row.decode(.id, as: UUID.self)
        category = try row.decode("category", as: ShenbaoCore.Category.self)
        organizationID = try row.decode("organization_id", as: UUID.self)
        status = try row.decode("status", as: ApplicationStatus.self)
        holderID = try optional("holder_id", UUID.self)
        projectName = try optional("project_name", String.self)
        requestedYuan = try optional("requested_yuan", Int.self)
        number = try optional("number", String.self)
        updatedAt = try optional("updated_at", Date.self)
    }
}

extension QueryBuilder where Model == ApplicationModel {
    /// The lines of the applications this query finds: only the columns a line shows, never the
    /// forms, and no models.
    func summaryRows() async throws -> [SummaryRow] {
        let query = copy().field(\.$id).field(\.$category).field(\.$organization.$id).field(\.$status)
            .field(\.$holder.$id).field(\.$projectName).field(\.$requestedYuan).field(\.$number)
            .field(\.$updatedAt).query
        let rows = NIOLockedValueBox<[Result<SummaryRow, any Error>]>([])
        try await database.execute(query: query) { output in
            let row = Result { try SummaryRow(output) }
            rows.withLockedValue { $0.append(row) }
        }.get()
        return try rows.withLockedValue { $0 }.map { try $0.get() }
    }
}
