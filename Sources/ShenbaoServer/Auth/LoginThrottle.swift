import Fluent
import Foundation
import Vapor

/// Limits password guessing: too many failures of one account, or from one address, within the
/// window lock further attempts until the window has passed. Counted in the database so that
/// every instance behind a proxy sees the same count.
struct LoginThrottle {
    let config: Config
    let database: any Database

    func ensureAllowed(username: String, address: String) async throws {
        let since = Date().addingTimeInterval(-config.loginWindow)
        let minutes = Int(config.loginWindow / 60)
        let byAccount = try await LoginFailureModel.query(on: database)
            .filter(\.$username == username).filter(\.$failedAt > since).count()
        if byAccount >= config.maxFailuresPerAccount {
            throw AppError(
                status: .tooManyRequests, code: "accountLocked",
                message: "该账号连续登录失败次数过多，已暂时锁定，请 \(minutes) 分钟后再试；忘记密码请联系本单位管理员或省科协")
        }
        let byAddress = try await LoginFailureModel.query(on: database)
            .filter(\.$address == address).filter(\.$failedAt > since).count()
        if byAddress >= config.maxFailuresPerAddress {
            throw AppError(
                status: .tooManyRequests, code: "addressLocked",
                message: "此网络地址登录失败次数过多，请 \(minutes) 分钟后再试")
        }
    }

    func recordFailure(username: String, address: String) async throws {
        try await LoginFailureModel(username: username, address: address, failedAt: Date()).create(on: database)
    }

    /// A successful login forgives the account's earlier mistakes; old rows of everyone expire.
    func recordSuccess(username: String) async throws {
        try await LoginFailureModel.query(on: database).filter(\.$username == username).delete()
        let expired = Date().addingTimeInterval(-config.loginWindow)
        try await LoginFailureModel.query(on: database).filter(\.$failedAt < expired).delete()
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
