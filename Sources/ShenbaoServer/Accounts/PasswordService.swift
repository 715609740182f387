import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// Every way a password is set after the account exists: its owner changes it, an administrator
/// gives a one-time link, the user asks for one (忘记密码). Each ends the user's other sessions
/// and tokens and writes a line of the trail, in the transaction of the change.
struct PasswordService {
    let request: Request

    /// How long a link works.
    static let linkLifetime: TimeInterval = 24 * 3600
    /// Forgotten-password requests: per address (anyone may try any name) and per account (no one
    /// fills a user's mailbox).
    static let forgotPerAddress = RateLimit(
        bucket: "forgot-address", limit: 5, window: 3600, code: .tooManyRequests,
        message: "同一网络地址一小时内最多申请5次重设密码，请稍后再试")
    static let forgotPerAccount = RateLimit(
        bucket: "forgot-account", limit: 3, window: 24 * 3600, code: .tooManyRequests, message: "")

    struct Change: Content {
        var currentPassword: String?
        var newPassword: String?
        var newPasswordConfirm: String?
    }

    /// The owner changes their password; where they are now stays signed in.
    func change(_ input: Change, for actor: AuthenticatedUser) async throws {
        guard let user = try await UserModel.find(actor.id, on: request.db) else { throw AppError.unauthenticated }
        var problems: [Problem] = []
        let current = input.currentPassword ?? ""
        if current.isEmpty {
            problems.append(Problem(field: "currentPassword", code: .required, message: "请填写当前密码"))
        } else if try await !request.password.async.verify(current, created: user.passwordHash) {
            problems.append(Problem(field: "currentPassword", code: .wrongPassword, message: "当前密码不正确"))
        }
        problems += newPasswordProblems(input.newPassword, confirm: input.newPasswordConfirm, username: user.username)
        if let new = input.newPassword, !new.isEmpty, new == current {
            problems.append(Problem(field: "newPassword", code: .unchanged, message: "新密码不能与当前密码相同"))
        }
        guard problems.isEmpty, let new = input.newPassword else { throw AppError.validation(problems) }
        let hash = try await request.password.async.hash(new)
        try await request.db.transaction { db in
            try await set(hash, for: user, on: db)
            try await AccountSessions.endAll(
                of: try user.requireID(), keepingCurrentOf: request, application: request.application, on: db)
            try await AuditTrail.record(
                .passwordChanged, by: actor, subject: .user(user), detail: "本人修改，其他会话已结束", request: request, on: db)
        }
    }

    /// The policy's problems with a new password and its confirmation, on the fields of the forms.
    func newPasswordProblems(_ new: String?, confirm: String?, username: String) -> [Problem] {
        var problems = PasswordPolicy.problems(new, field: "newPassword", username: username)
        if let new, !new.isEmpty, let confirm, confirm != new {
            problems.append(Problem(field: "newPasswordConfirm", code: .mismatch, message: "两次输入的新密码不一致"))
        }
        return problems
    }

    private func set(_ hash: String, for user: UserModel, on db: any Database) async throws {
        user.passwordHash = hash
        user.mustChangePassword = false
        user.passwordChangedAt = SecurityClock.now
        try await user.save(on: db)
    }

    struct Link: Content {
        /// The whole link, shown once to whoever asked for it; only its hash is stored.
        var url: String
        var expiresAt: Date
        /// Also sent to the user's e-mail address (when the server sends mail).
        var emailed: Bool
    }

    /// A new one-time link for `user`; older unused links stop working. Inside the caller's transaction.
    func issueLink(for user: UserModel, on db: any Database) async throws -> Link {
        let token = Secrets.make()
        let now = SecurityClock.now
        let userID = try user.requireID()
        try await PasswordLinkModel.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).delete()
        let link = PasswordLinkModel()
        link.$user.id = userID
        link.tokenHash = Secrets.hash(token)
        link.createdAt = now
        link.expiresAt = now.addingTimeInterval(Self.linkLifetime)
        try await link.create(on: db)
        let config = request.application.shenbaoConfig
        let url = "\(config.publicURL)/password/\(token)"
        let emailed = config.sendmailCommand != nil && !user.email.isEmpty
        if emailed {
            try await MailOutboxModel.queue(
                to: user.email, subject: "设置登录密码",
                body:
                    "\(user.contactName)：\n\n请在24小时内打开下面的链接，为账号“\(user.username)”设置新密码（链接只能使用一次）：\n\(url)\n\n如果这不是您本人或省科协的操作，请忽略本邮件，您的密码不会改变。",
                on: db)
        }
        return Link(url: url, expiresAt: link.expiresAt, emailed: emailed)
    }

    /// The user behind a link that still works, or a 410 saying why it does not.
    func user(forLink token: String) async throws -> (PasswordLinkModel, UserModel) {
        guard
            let link = try await PasswordLinkModel.query(on: request.db).filter(\.$tokenHash == Secrets.hash(token))
                .with(\.$user).first()
        else {
            throw AppError(status: .notFound, code: .invalidPasswordLink, message: "链接无效：请核对链接是否完整，或重新申请")
        }
        if link.usedAt != nil {
            throw Self.linkUsed
        }
        if link.expiresAt <= SecurityClock.now {
            throw AppError(status: .gone, code: .passwordLinkExpired, message: "此链接已超过24小时有效期。请重新申请")
        }
        return (link, link.user)
    }

    struct NewPassword: Content {
        var newPassword: String?
        var newPasswordConfirm: String?
    }

    /// Sets the password through a link: once, within its time; every old session and token ends.
    func use(link token: String, _ input: NewPassword) async throws -> UserModel {
        let (link, user) = try await user(forLink: token)
        let problems = newPasswordProblems(
            input.newPassword, confirm: input.newPasswordConfirm, username: user.username)
        guard problems.isEmpty, let new = input.newPassword else { throw AppError.validation(problems) }
        let hash = try await request.password.async.hash(new)
        let linkID = try link.requireID()
        try await request.db.transaction { db in
            // Claimed in one conditional statement: of two uses at once only one finds it unused.
            let claimed = try await StaticSelect.sql(db).update(PasswordLinkModel.schema)
                .set("used_at", to: SecurityClock.now).where("id", .equal, linkID).where(
                    "used_at", .is, SQLLiteral.null
                )
                .returning("id").first()
            guard claimed != nil else {
                throw Self.linkUsed
            }
            try await set(hash, for: user, on: db)
            try await AccountSessions.endAll(
                of: try user.requireID(), keepingCurrentOf: nil, application: request.application, on: db)
            try await AuditTrail.record(
                .passwordLinkUsed, by: nil, subject: .user(user), detail: "所有旧会话和接口凭证已结束", request: request, on: db)
        }
        return user
    }

    /// 忘记密码: a link by e-mail to the account named by its user name or e-mail address. The
    /// answer is the same whether or not such an account exists.
    func forgot(_ identifier: String?) async throws {
        let typed = (identifier ?? "").trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else {
            throw AppError.validation([Problem(field: "identifier", code: .required, message: "请填写用户名或电子邮箱")])
        }
        let address = request.clientAddress(trustProxy: request.application.shenbaoConfig.trustProxy)
        try await Self.forgotPerAddress.reserve(address, now: SecurityClock.now, on: request.db)
        let name = String(typed.prefix(100))
        let users = try await UserModel.query(on: request.db)
            .group(.or) { $0.filter(\.$username == name).filter(\.$email == name) }.limit(5).all()
        for user in users where user.disabledAt == nil && !user.email.isEmpty {
            // Over the account's allowance the request is dropped quietly: the answer is the same.
            guard
                (try? await Self.forgotPerAccount.reserve(
                    try user.requireID().uuidString, now: SecurityClock.now, on: request.db)) != nil
            else { continue }
            try await request.db.transaction { db in
                _ = try await issueLink(for: user, on: db)
                try await AuditTrail.record(
                    .passwordForgotten, by: nil, subject: .user(user), detail: "重设链接已发至登记邮箱", request: request,
                    on: db)
            }
        }
    }

    static let linkUsed = AppError(
        status: .gone, code: .passwordLinkUsed, message: "此链接已经使用过。如需再次设置密码，请重新申请")

    static let forgotAnswer = "如果该账号存在并登记了电子邮箱，我们已向该邮箱发送重设密码的链接，24小时内有效。没有收到请检查垃圾邮件，或联系省科协。"
}
