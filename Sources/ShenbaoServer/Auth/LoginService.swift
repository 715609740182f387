import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Checks a username and password, with the throttle, for both the login page and the API.
struct LoginService {
    let request: Request
    let config: Config

    func authenticate(username rawUsername: String?, password: String?) async throws -> UserModel {
        let username = (rawUsername ?? "").trimmingCharacters(in: .whitespaces)
        let password = password ?? ""
        var problems: [Problem] = []
        if username.isEmpty { problems.append(.init(field: "username", code: .required, message: "请填写用户名")) }
        if password.isEmpty { problems.append(.init(field: "password", code: .required, message: "请填写密码")) }
        if !problems.isEmpty { throw AppError.validation(problems) }

        let address = request.clientAddress(trustProxy: config.trustProxy)
        let throttle = LoginThrottle(config: config, database: request.db)
        let attempt = try await throttle.reserve(username: username, address: address)

        let user = try await UserModel.query(on: request.db).filter(\.$username == username).first()
        let matches = try await request.password.async.verify(
            password, created: user?.passwordHash ?? request.application.decoyPasswordHash)
        guard let user, matches else {
            try await throttle.failed(attempt)
            try await request.db.transaction { db in
                try await AuditTrail.record(
                    .loginFailed, by: nil, subject: .init(id: user?.id, name: username),
                    detail: user == nil ? "用户名不存在" : "密码错误", request: request, on: db)
            }
            throw AppError(status: .unauthorized, code: .invalidCredentials, message: "用户名或密码不正确")
        }
        try await throttle.succeeded(attempt)
        // Told only after the right password: a stranger learns nothing about the account.
        if let disabledAt = user.disabledAt {
            try await request.db.transaction { db in
                try await AuditTrail.record(
                    .loginRefused, by: nil, subject: .user(user), detail: user.disabledReason ?? "", request: request,
                    on: db)
            }
            throw Self.disabled(at: disabledAt, reason: user.disabledReason)
        }
        return user
    }
}

extension LoginService {
    static func disabled(at date: Date, reason: String?) -> AppError {
        let why = reason.map { "，原因：\($0)" } ?? ""
        return AppError(
            status: .forbidden, code: .accountDisabled,
            message: "该账号已于\(ChineseFormat.dateTime(date))停用\(why)。如需恢复，请联系省科协系统管理员")
    }
}

extension Application {
    private struct DecoyHashKey: StorageKey { typealias Value = String }

    /// A bcrypt hash of a random secret, made once at the configured cost: unknown usernames
    /// cost as much time as wrong passwords, so timing does not tell which usernames exist.
    var decoyPasswordHash: String {
        get { storage[DecoyHashKey.self] ?? "" }
        set { storage[DecoyHashKey.self] = newValue }
    }
}
