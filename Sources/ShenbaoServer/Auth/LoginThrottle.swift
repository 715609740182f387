import Fluent
import Foundation
import SQLKit
import Vapor

/// Limits password guessing: too many failures of one account, or from one address, within the
/// window lock further attempts until the window has passed. Counted in the database so that
/// every instance behind a proxy sees the same count.
struct LoginThrottle {
    let config: Config
    let database: any Database

    /// An attempt written down before its password is checked.
    struct Attempt {
        let id: UUID
        let username: String
        /// The account's failures within the window before this attempt.
        let earlierFailures: Int
    }

    /// Writes the attempt down as a failure first, then counts the account's and the address's
    /// failures within the window, this one included, and refuses past either limit. Counted
    /// before the write, forty parallel guesses all saw the same few failures and 32-36 of them
    /// had their password checked; written first, the n-th attempt sees at least n, so no more
    /// than the limit pass, on every instance. `succeeded` takes a right password's attempt back.
    func reserve(username: String, address: String) async throws -> Attempt {
        let now = Date()
        let since = now.addingTimeInterval(-config.loginWindow)
        let minutes = Int(config.loginWindow / 60)
        let attempt = LoginFailureModel(username: username, address: address, failedAt: now)
        try await attempt.create(on: database)
        let id = try attempt.requireID()
        let counts = try await StaticSelect.sql(database).raw(
            """
            SELECT COUNT(CASE WHEN "username" = \(bind: username) THEN 1 END) AS "by_account",
            COUNT(CASE WHEN "address" = \(bind: address) THEN 1 END) AS "by_address"
            FROM "login_failures" WHERE "failed_at" > \(bind: since)
            AND ("username" = \(bind: username) OR "address" = \(bind: address))
            """
        ).first()
        let byAccount = try counts?.decode(column: "by_account", as: Int.self) ?? 1
        let byAddress = try counts?.decode(column: "by_address", as: Int.self) ?? 1
        if byAccount > config.maxFailuresPerAccount || byAddress > config.maxFailuresPerAddress {
            // A refused attempt checked no password: it is not a failure of its own.
            try await LoginFailureModel.query(on: database).filter(\.$id == id).delete()
            if byAccount > config.maxFailuresPerAccount {
                throw AppError(
                    status: .tooManyRequests, code: "accountLocked",
                    message: "该账号连续登录失败次数过多，已暂时锁定，请 \(minutes) 分钟后再试；忘记密码请联系本单位管理员或省科协")
            }
            throw AppError(
                status: .tooManyRequests, code: "addressLocked", message: "此网络地址登录失败次数过多，请 \(minutes) 分钟后再试")
        }
        return Attempt(id: id, username: username, earlierFailures: byAccount - 1)
    }

    /// The password was wrong: the attempt stays as a failure; old rows of everyone expire here,
    /// where the table grows.
    func failed(_ attempt: Attempt) async throws {
        let expired = Date().addingTimeInterval(-config.loginWindow)
        try await LoginFailureModel.query(on: database).filter(\.$failedAt < expired).delete()
    }

    /// A successful login takes its attempt back and forgives the account's earlier mistakes.
    func succeeded(_ attempt: Attempt) async throws {
        if attempt.earlierFailures > 0 {
            try await LoginFailureModel.query(on: database).filter(\.$username == attempt.username).delete()
        } else {
            try await LoginFailureModel.query(on: database).filter(\.$id == attempt.id).delete()
        }
    }
}

extension Request {
    /// The client's address for rate limits; behind our own proxy, the address it forwards.
    func clientAddress(trustProxy: Bool) -> String {
        // The last entry is the one our proxy added; those before it are whatever the client sent,
        // so taking the first would let anyone choose their address and dodge the limits.
        if trustProxy, let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
