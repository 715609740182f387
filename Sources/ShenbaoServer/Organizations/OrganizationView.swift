import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// An applicant organisation as the province's pages and `GET /api/v1/organizations/{id}` show
/// it: its registered details, the names it had, and the exception its code was registered under.
struct OrganizationView: Content {
    struct NameChange: Content {
        var oldName: String
        var newName: String
        var changedAt: Date
        var changedAtText: String
        var changedByName: String
    }

    /// Why a code failing the check character was accepted, by whom and when.
    struct USCCException: Content {
        var reason: String
        var approvedById: UUID?
        var approvedByName: String
        var approvedAt: Date?
        var approvedAtText: String
    }

    var id: UUID
    var name: String
    var organization: OrganizationForm
    var natureLabel: String
    var applicantKindLabel: String
    var divisionName: String
    var usccException: USCCException?
    var nameHistory: [NameChange]
    var createdAt: Date?
    var updatedAt: Date?

    static func of(_ model: OrganizationModel, on db: any Database) async throws -> OrganizationView {
        let id = try model.requireID()
        let changes = try await OrganizationNameChangeModel.query(on: db).filter(\.$organization.$id == id)
            .sort(\.$changedAt, .descending).limit(OrganizationAdminService.historyLimit).all()
        var exception: USCCException?
        if let reason = model.usccExceptionReason {
            let approver = try await model.usccExceptionApprovedBy.asyncFlatMap { try await UserModel.find($0, on: db) }
            exception = USCCException(
                reason: reason, approvedById: model.usccExceptionApprovedBy,
                approvedByName: approver.map(\.displayName) ?? "（账号已不存在）",
                approvedAt: model.usccExceptionAt,
                approvedAtText: model.usccExceptionAt.map(ChineseFormat.dateTime) ?? "")
        }
        let call = try await RegistrationService.currentCall(on: db)
        return OrganizationView(
            id: id, name: model.name, organization: model.form,
            natureLabel: model.nature?.label ?? "",
            applicantKindLabel: model.applicantKind.flatMap { call.applicantKind($0)?.label } ?? model.applicantKind
                ?? "",
            divisionName: model.divisionCode.flatMap { DivisionCatalog.hunan.displayName(code: $0) }
                ?? model.divisionCode ?? "",
            usccException: exception,
            nameHistory: changes.map {
                NameChange(
                    oldName: $0.oldName, newName: $0.newName, changedAt: $0.changedAt,
                    changedAtText: ChineseFormat.dateTime($0.changedAt), changedByName: $0.changedByName)
            },
            createdAt: model.createdAt, updatedAt: model.updatedAt)
    }
}

/// One line of the search results.
struct OrganizationSummary: Content {
    var id: UUID
    var name: String
    var uscc: String?
    var divisionName: String
    /// Former names, so a search by one shows why this organisation matched.
    var formerNames: [String]
    var usccException: Bool
}
