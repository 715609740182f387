import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// Two-factor sign-in for the staff who hold every application (province, finance): a code from
/// an authenticator app after the password, or one of ten one-time recovery codes; wrong codes
/// are throttled like wrong passwords, and the province resets a lost phone.
struct TwoFactorService {
    let db: any Database
    let config: Config

    /// The roles that set it up, and must when `SHENBAO_REQUIRE_STAFF_TWO_FACTOR` is on.
    static func appliesTo(_ role: Role) -> Bool { [.province, .finance, .sysadmin, .auditor].contains(role) }

    static let recoveryCodeCount = 10

    static let required = AppError(
        status: .unauthorized, code: .twoFactorRequired, message: "请输入手机身份验证器中显示的6位验证码（或一个恢复码）")
    static let wrongCode = AppError(
        status: .unauthorized, code: .invalidTwoFactorCode, message: "验证码不正确或已使用过，请输入身份验证器中当前显示的6位数字")

    /// Accepts the app's current code (each works once) or an unused recovery code, else 401.
    func verify(_ user: UserModel, code raw: String?, address: String) async throws {
        let typed = (raw ?? "").filter { !$0.isWhitespace }
        guard !typed.isEmpty else { throw Self.required }
        let now = SecurityClock.now
        let throttle = LoginThrottle(config: config, database: db)
        // Counted apart from the password's failures (whose success forgives them, and a right
        // password comes before every code), with the same limits: guessing codes locks them.
        let attempt = try await throttle.reserve(username: user.username + "#2fa", address: address)
        if try await accepts(user, typed, now: now) {
            try await throttle.succeeded(attempt)
        } else {
            try await throttle.failed(attempt)
            throw Self.wrongCode
        }
    }

    private func accepts(_ user: UserModel, _ typed: String, now: Date) async throws -> Bool {
        let sql = try StaticSelect.sql(db)
        let id = try user.requireID()
        if let secret = user.totpSecret.flatMap(Base32.decode),
            let step = TOTP.matchingCounter(typed, secret: secret, at: now)
        {
            // One statement claims the step: the same code sent twice at once signs in once.
            let claimed = try await sql.update(UserModel.schema).set("totp_last_step", to: step)
                .where("id", .equal, id)
                .where(group: {
                    $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step)
                })
                .returning("id").first()
            return claimed != nil
        }
        let spent = try await sql.update(RecoveryCodeModel.schema).set("used_at", to: now)
            .where("user_id", .equal, id).where("code_hash", .equal, Self.recoveryHash(typed))
            .where("used_at", .is, SQLLiteral.null).returning("id").first()
        return spent != nil
    }

    /// Turns it on once the app shows the key's code; answers the recovery codes, shown once.
    func enable(_ user: UserModel, secret: Data, code: String, request: Request) async throws
        -> [String]
    {
        let now = SecurityClock.now
        guard let step = TOTP.matchingCounter(code, secret: secret, at: now) else {
            throw AppError.validation([
                Problem(field: "code", code: .invalidTwoFactorCode, message: "验证码不正确：请输入身份验证器中当前显示的6位数字")
            ])
        }
        let codes = (0..<Self.recoveryCodeCount).map { _ in Self.newRecoveryCode() }
        let id = try user.requireID()
        try await db.transaction { db in
            user.totpSecret = Base32.encode(secret)
            user.totpLastStep = step
            try await user.save(on: db)
            try await RecoveryCodeModel.query(on: db).filter(\.$user.$id == id).delete()
            for code in codes {
                try await RecoveryCodeModel(userID: id, codeHash: Self.recoveryHash(code)).create(on: db)
            }
            try await AuditTrail.record(
                .twoFactorEnabled, by: request.currentUser, subject: .user(user), request: request, on: db)
        }
        return codes
    }

    /// The province's reset for a lost phone: the user sets it up again at the next sign-in.
    func reset(_ user: UserModel, request: Request) async throws {
        let id = try user.requireID()
        try await db.transaction { db in
            user.totpSecret = nil
            user.totpLastStep = nil
            try await user.save(on: db)
            try await RecoveryCodeModel.query(on: db).filter(\.$user.$id == id).delete()
            try await AuditTrail.record(
                .twoFactorReset, by: request.currentUser, subject: .user(user), request: request, on: db)
        }
    }

    /// Eight characters without look-alikes (no 0/O, 1/I/L), shown as `ABCD-EFGH`.
    static func newRecoveryCode() -> String {
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        let characters = (0..<8).map { _ in alphabet[Int.random(in: alphabet.indices)] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// Typed with or without the hyphen, in either case.
    static func recoveryHash(_ typed: String) -> String {
        Secrets.hash(typed.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
