import Foundation
import ShenbaoCore
import Vapor

/// Who is making a request. Handlers see this value, never the user row.
struct AuthenticatedUser: Authenticatable, Sendable {
    enum Method: Sendable { case session, token }

    var id: UUID
    var username: String
    var role: Role
    var organizationID: UUID?
    var contactName: String
    var method: Method
    /// Two-factor sign-in is set up (the staff may be required to have it).
    var hasTwoFactor: Bool
    /// Made by an administrator and not yet given the user's own password: nothing else is open.
    var mustChangePassword: Bool

    init(_ user: UserModel, method: Method) throws {
        id = try user.requireID()
        username = user.username
        role = user.role
        organizationID = user.$organization.id
        contactName = user.contactName
        hasTwoFactor = user.totpSecret != nil
        mustChangePassword = user.mustChangePassword
        self.method = method
    }
}

extension AuthenticatedUser {
    /// As `UserModel.displayName`: 李嘉玮（admin）.
    var displayName: String { "\(contactName)（\(username)）" }
}

extension Request {
    var currentUser: AuthenticatedUser? { auth.get(AuthenticatedUser.self) }

    /// The signed-in user, or 401 (pages: the login page) when there is none.
    func requireUser() throws -> AuthenticatedUser {
        guard let user = currentUser else { throw AppError.unauthenticated }
        return user
    }
}
