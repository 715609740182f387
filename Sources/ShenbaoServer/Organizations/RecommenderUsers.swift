import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The accounts of one recommender organisation, and the province opening a new one: the clerk
/// types a first password (the one policy judges it), and its user must choose their own at the
/// first sign-in.
struct RecommenderUsers {
    struct User: Content {
        var id: UUID
        var username: String
        var contactName: String
        var phone: String
        var email: String
        var mustChangePassword: Bool
        var disabled: Bool
        var createdAt: Date?

        init(_ user: UserModel) throws {
            id = try user.requireID()
            username = user.username
            contactName = user.contactName
            phone = user.phone
            email = user.email
            mustChangePassword = user.mustChangePassword
            disabled = user.disabledAt != nil
            createdAt = user.createdAt
        }
    }

    /// More accounts than an organisation has; the list is bounded all the same.
    static let limit = 200

    let request: Request

    static func list(of organizationID: UUID, on db: any Database) async throws -> [User] {
        try await UserModel.query(on: db).filter(\.$organization.$id == organizationID).sort(\.$username)
            .limit(limit).all().map(User.init)
    }

    func create(for organization: OrganizationModel, _ input: AccountForm) async throws -> User {
        let account = input.normalized()
        var problems = AccountRules.problems(in: account, prefix: "")
        if let username = account.username, !username.isEmpty, try await Self.taken(username, on: request.db) {
            problems.append(Problem(field: "username", code: .duplicate, message: "用户名“\(username)”已被使用，请换一个"))
        }
        if !organization.isActive {
            problems.append(
                Problem(
                    field: "organization", code: .deactivated, message: "\(organization.name)已停用，不能新增用户；如需新增，请先启用该单位"))
        }
        guard problems.isEmpty, let username = account.username else { throw AppError.validation(problems) }
        // Hashed before the transaction: bcrypt takes a while and the writer should not wait on it.
        let hash = try await request.password.async.hash(account.password ?? "")
        let user = UserModel(
            username: username, passwordHash: hash, role: .recommender, organizationID: try organization.requireID(),
            contactName: account.contactName ?? "", phone: account.phone ?? "", email: account.email ?? "")
        user.mustChangePassword = true
        do {
            try await request.db.transaction { db in
                try await user.create(on: db)
                try await AuditTrail.record(
                    .userCreated, by: request.currentUser, subject: .user(user),
                    detail: "推荐单位“\(organization.name)”的用户（\(Role.recommender.label)），首次登录须修改密码",
                    request: request, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another request took the name between the check and the insert.
            throw AppError.validation([
                Problem(field: "username", code: .duplicate, message: "用户名“\(username)”已被使用，请换一个")
            ])
        }
        return try User(user)
    }

    private static func taken(_ username: String, on db: any Database) async throws -> Bool {
        try await UserModel.query(on: db).filter(\.$username == username).count() > 0
    }
}
