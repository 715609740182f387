import Fluent
import Foundation
import ShenbaoCore

/// `/admin/users`: the accounts an administrator may administer, filtered, and the form to open one.
struct UsersPage: Encodable {
    var users: [UsersController.UserDTO]
    var limited: Bool
    var filter: UsersController.Filter
    var roles: [Option]
    var organizations: [Option]
    var form: UserService.Input
    var hint: String
    var errors: [String: String]
    var problems: [Problem]
    var created: String?
    var sysadmin: Bool

    /// The accounts `actor` administers that `filter` finds, with `form` and its `problems` echoed.
    static func load(
        for actor: AuthenticatedUser, filter: UsersController.Filter, form: UserService.Input = .init(),
        problems: [Problem] = [], created: String? = nil, on db: any Database
    ) async throws -> UsersPage {
        let users = try await UsersController.search(filter, for: actor, on: db)
        return UsersPage(
            users: users, limited: users.count == UsersController.listLimit, filter: filter,
            roles: Role.allCases.filter(actor.role.administeredRoles.contains).map {
                Option(code: $0.rawValue, label: $0.label)
            },
            organizations: try await OrganizationModel.query(on: db).filter(\.$kind != .applicant)
                .sort(\.$kind).sort(\.$divisionCode).all()
                .map { Option(code: try $0.requireID().uuidString, label: $0.name) },
            form: form, hint: PasswordPolicy.hint, errors: FieldErrors.make(problems), problems: problems,
            created: created, sysadmin: actor.role == .sysadmin)
    }
}
