import Fluent
import Foundation
import ShenbaoCore

/// `/admin/users/{id}`: one account — its details to edit, its organisation, what was done to it
/// (the audit lines about it), and a password link just made.
struct UserPage: Encodable {
    var user: UsersController.UserDTO
    var organizations: [Option]
    var edit: UserAdministration.Edit
    var errors: [String: String]
    var problems: [Problem]
    var done: String?
    var link: PasswordService.Link?
    var linkExpires: String?
    var events: [AuditController.EventDTO]
    var belongsToOrganization: Bool

    /// The page of `user`; `edit` and its `problems` echo a refused edit, `done` says what just succeeded.
    static func load(
        _ user: UserModel, edit: UserAdministration.Edit? = nil, problems: [Problem] = [], done: String? = nil,
        link: PasswordService.Link? = nil, on db: any Database
    ) async throws -> UserPage {
        let kind: OrganizationKind? =
            switch user.role {
            case .applicant: .applicant
            case .recommender: .recommender
            default: nil
            }
        let organizations =
            try await kind.asyncFlatMap { kind in
                try await OrganizationModel.query(on: db).filter(\.$kind == kind).sort(\.$name).limit(2000).all()
                    .map { Option(code: try $0.requireID().uuidString, label: $0.name) }
            } ?? []
        return UserPage(
            user: try UsersController.UserDTO(user), organizations: organizations,
            edit: edit
                ?? .init(
                    contactName: user.contactName, phone: user.phone, email: user.email,
                    organizationId: user.$organization.id?.uuidString),
            errors: FieldErrors.make(problems), problems: problems, done: done, link: link,
            linkExpires: link.map { ChineseFormat.dateTime($0.expiresAt) },
            events: try await AuditController.events(about: try user.requireID(), on: db),
            belongsToOrganization: kind != nil)
    }
}
