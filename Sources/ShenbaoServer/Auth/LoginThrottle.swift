import Fluent
import Foundation
import SQLKit
import ShenbaoCore
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

    /// Counts the account's and the address's failures within the window and, below both
    /// limits, writes this attempt down as a failure before its password is checked; past either,
    /// refuses it. Counted before and written after, forty parallel guesses all saw the same few
    /// failures and 32-36 of them had their password checked: the count and the write are one
    /// transaction, alone for its account and address (TransactionLock), so no more than the
    /// limit pass, on every instance. `succeeded` takes a right password's attempt back.
    func reserve(username: String, address: String) async throws -> Attempt {
        let now = SecurityClock.now
        let since = now.addingTimeInterval(-config.loginWindow)
        let minutes = Int(config.loginWindow / 60)
        let (perAccount, perAddress) = (config.maxFailuresPerAccount, config.maxFailuresPerAddress)
        let attempt = LoginFailureModel(username: username, address: address, failedAt: now)
        // Both locks, always in the same order, so two attempts never wait for each other's second.
        let keys = ["login-account:\(username)", "login-address:\(address)"].sorted()
        let byAccount: Int = try await database.transaction { db in
            for key in keys { try await TransactionLock.hold(key, on: db) }
            let counts = try await StaticSelect.sql(db).raw(
                """
                SELECT COUNT(CASE WHEN "username" = \(bind: username) THEN 1 END) AS "by_account",
                COUNT(CASE WHEN "address" = \(bind: address) THEN 1 END) AS "by_address"
                FROM "login_failures" WHERE "failed_at" > \(bind: since)
                AND ("username" = \(bind: username) OR "address" = \(bind: address))
                """
            ).first()
            let byAccount = try counts?.decode(column: "by_account", as: Int.self) ?? 0
            let byAddress = try counts?.decode(column: "by_address", as: Int.self) ?? 0
            if byAccount >= perAccount {
                throw AppError(
                    status: .tooManyRequests, code: .accountLocked,
                    message: "该账号连续登录失败次数过多，已暂时锁定，请 \(minutes) 分钟后再试；忘记密码请联系本单位管理员或省科协")
            }
            if byAddress >= perAddress {
                throw AppError(
                    status: .tooManyRequests, code: .addressLocked, message: "此网络地址登录失败次数过多，请 \(minutes) 分钟后再试")
            }
            try await attempt.create(on: db)
            return byAccount
        }
        return Attempt(id: try attempt.requireID(), username: username, earlierFailures: byAccount)
    }

    /// The password was wrong: the attempt stays as a failure; old rows of everyone expire here,
    /// where the table grows.
    func failed(_ attempt: Attempt) async throws {
        let expired = SecurityClock.now.addingTimeInterval(-config.loginWindow)
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
