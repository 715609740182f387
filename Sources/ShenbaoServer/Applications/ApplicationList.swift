import Fluent
import Foundation
import ShenbaoCore

/// Lines of lists, with organisation and holder names loaded in two queries, not one per line.
enum ApplicationList {
    static func summaries(_ applications: [ApplicationModel], on db: any Database) async throws
        -> [ApplicationSummary]
    {
        let ids = Set(applications.flatMap { [$0.$organization.id] + ($0.$holder.id.map { [$0] } ?? []) })
        let organizations = try await OrganizationModel.query(on: db).filter(\.$id ~~ Array(ids)).all()
        var names: [UUID: String] = [:]
        for organization in organizations {
            if let id = organization.id { names[id] = organization.name }
        }
        return try applications.map { application in
            let organizationName = names[application.$organization.id] ?? ""
            return ApplicationSummary(
                id: try application.requireID(), category: application.category,
                categoryLabel: FormTexts.categoryLabel(application.category),
                projectName: application.projectName.flatMap { $0.isEmpty ? nil : $0 } ?? "（未命名项目）",
                organizationName: organizationName, status: application.status, statusLabel: application.status.label,
                holderName: application.$holder.id.flatMap { names[$0] } ?? organizationName,
                requestedYuan: application.requestedYuan,
                requestedWan: application.requestedYuan.map { ChineseFormat.wan($0) + " 万元" } ?? "—",
                updatedAt: application.updatedAt,
                updatedAtText: application.updatedAt.map(ChineseFormat.dateTime) ?? "")
        }
    }
}

extension QueryBuilder where Model == ApplicationModel {
    /// Only the columns a list row shows (`ApplicationList.summaries`): never the forms.
    func summaryFields() -> Self {
        field(\.$id).field(\.$category).field(\.$organization.$id).field(\.$status).field(\.$holder.$id)
            .field(\.$projectName).field(\.$requestedYuan).field(\.$updatedAt)
    }
}
