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

    /// Refuses a locked account or address; otherwise answers how many failures the account has
    /// within the window, for `recordSuccess`. One query counts both: every login asks.
    func ensureAllowed(username: String, address: String) async throws -> Int {
        let since = Date().addingTimeInterval(-config.loginWindow)
        let minutes = Int(config.loginWindow / 60)
        let counts = try await StaticSelect.sql(database).raw(
            """
            SELECT COUNT(CASE WHEN "username" = \(bind: username) THEN 1 END) AS "by_account",
            COUNT(CASE WHEN "address" = \(bind: address) THEN 1 END) AS "by_address"
            FROM "login_failures" WHERE "failed_at" > \(bind: since)
            AND ("username" = \(bind: username) OR "address" = \(bind: address))
            """
        ).first()
        let byAccount = try counts?.decode(column: "by_account", as: Int.self) ?? 0
        if byAccount >= config.maxFailuresPerAccount {
            throw AppError(
                status: .tooManyRequests, code: "accountLocked",
                message: "该账号连续登录失败次数过多，已暂时锁定，请 \(minutes) 分钟后再试；忘记密码请联系本单位管理员或省科协")
        }
        if try counts?.decode(column: "by_address", as: Int.self) ?? 0 >= config.maxFailuresPerAddress {
            throw AppError(
                status: .tooManyRequests, code: "addressLocked",
                message: "此网络地址登录失败次数过多，请 \(minutes) 分钟后再试")
        }
        return byAccount
    }

    /// Records the failure; old rows of everyone expire here, where the table grows.
    func recordFailure(username: String, address: String) async throws {
        let now = Date()
        try await LoginFailureModel(username: username, address: address, failedAt: now).create(on: database)
        let expired = now.addingTimeInterval(-config.loginWindow)
        try await LoginFailureModel.query(on: database).filter(\.$failedAt < expired).delete()
    }

    /// A successful login forgives the account's earlier mistakes. Without any (`failures`, as
    /// `ensureAllowed` counted them), nothing is written: a login's writes wait for SQLite's one writer.
    func recordSuccess(username: String, failures: Int) async throws {
        guard failures > 0 else { return }
        try await LoginFailureModel.query(on: database).filter(\.$username == username).delete()
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
