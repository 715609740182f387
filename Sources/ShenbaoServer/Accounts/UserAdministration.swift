import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// What an administrator does to an existing account: edit it, disable and re-enable it, give it
/// a one-time password link. The system administrator may touch every account, the province only
/// the people of a call (`Role.administeredRoles`); an account outside one's reach is "not found".
enum UserAdministration {
    /// The account named by `:userId`, if the signed-in administrator administers its role.
    static func target(_ req: Request) async throws -> UserModel {
        let actor = try req.requireUser()
        guard let id = req.parameters.get("userId").flatMap(UUID.init(uuidString:)),
            let user = try await UserModel.query(on: req.db).filter(\.$id == id).with(\.$organization).first(),
            actor.role.administeredRoles.contains(user.role)
        else { throw AppError.notFound("该用户") }
        return user
    }

    struct Edit: Content {
        var contactName: String?
        var phone: String?
        var email: String?
        /// Only for roles that belong to an organisation of a kind (see UserService).
        var organizationId: String?
    }

    /// Name, phone, e-mail and, where the role allows, the organisation; all problems at once.
    static func edit(_ user: UserModel, _ input: Edit, request: Request) async throws {
        let form = AccountForm(
            username: user.username, password: nil, contactName: input.contactName ?? user.contactName,
            phone: input.phone ?? user.phone, email: input.email ?? user.email
        ).normalized()
        var problems = AccountRules.problems(in: form, prefix: "").filter { $0.field != "password" }
        var organizationID = user.$organization.id
        if let raw = input.organizationId {
            let service = UserService(database: request.db, hasher: request.password.async)
            organizationID = try await service.organization(for: user.role, raw: raw, problems: &problems)?.id
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        var changes: [String] = []
        func note(_ label: String, _ old: String, _ new: String) {
            if old != new { changes.append("\(label)：\(old) → \(new)") }
        }
        note("姓名", user.contactName, form.contactName ?? "")
        note("电话", user.phone, form.phone ?? "")
        note("邮箱", user.email, form.email ?? "")
        if organizationID != user.$organization.id { changes.append("所属单位已变更") }
        guard !changes.isEmpty else { return }
        let detail = changes.joined(separator: "；")
        user.contactName = form.contactName ?? ""
        user.phone = form.phone ?? ""
        user.email = form.email ?? ""
        user.$organization.id = organizationID
        try await request.db.transaction { db in
            try await user.save(on: db)
            try await AuditTrail.record(
                .userEdited, by: request.currentUser, subject: .user(user), detail: detail,
                request: request, on: db)
        }
        // A cached token still carries the old name and organisation.
        request.application.bearerTokens.forget(userID: try user.requireID())
    }

    struct Disable: Content {
        var reason: String?
    }

    /// Disables an account: it cannot sign in (and is told why), its sessions and tokens end now.
    static func disable(_ user: UserModel, reason raw: String?, request: Request) async throws {
        let actor = try request.requireUser()
        let reason = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = TextRules.requiredText(reason, maximumLength: 200, field: "reason", label: "停用原因")
        if user.id == actor.id {
            problems.append(Problem(field: "reason", code: .`self`, message: "不能停用自己正在使用的账号"))
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        guard user.disabledAt == nil else { return }
        try await request.db.transaction { db in
            user.disabledAt = request.now
            user.disabledReason = reason
            try await user.save(on: db)
            try await AccountSessions.endAll(
                of: try user.requireID(), keepingCurrentOf: nil, application: request.application, on: db)
            try await AuditTrail.record(
                .userDisabled, by: actor, subject: .user(user), detail: reason, request: request, on: db)
        }
        request.application.bearerTokens.forget(userID: try user.requireID())
    }

    static func enable(_ user: UserModel, request: Request) async throws {
        guard user.disabledAt != nil else { return }
        try await request.db.transaction { db in
            user.disabledAt = nil
            user.disabledReason = nil
            try await user.save(on: db)
            try await AuditTrail.record(
                .userEnabled, by: request.currentUser, subject: .user(user), request: request, on: db)
        }
    }

    /// A one-time link that sets the account's password, shown once to the administrator.
    static func passwordLink(for user: UserModel, request: Request) async throws -> PasswordService.Link {
        try await request.db.transaction { db in
            let link = try await PasswordService(request: request).issueLink(for: user, on: db)
            try await AuditTrail.record(
                .passwordLinkIssued, by: request.currentUser, subject: .user(user),
                detail: link.emailed ? "已发送至登记邮箱" : "仅显示给管理员", request: request, on: db)
            return link
        }
    }
}
