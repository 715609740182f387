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
        if username.isEmpty { problems.append(.init(field: "username", code: "required", message: "请填写用户名")) }
        if password.isEmpty { problems.append(.init(field: "password", code: "required", message: "请填写密码")) }
        if !problems.isEmpty { throw AppError.validation(problems) }

        let address = request.clientAddress(trustProxy: config.trustProxy)
        let throttle = LoginThrottle(config: config, database: request.db)
        let attempt = try await throttle.reserve(username: username, address: address)

        let user = try await UserModel.query(on: request.db).filter(\.$username == username).first()
        let matches = try await request.password.async.verify(
            password, created: user?.passwordHash ?? request.application.decoyPasswordHash)
        guard let user, matches else {
            try await throttle.failed(attempt)
            throw AppError(status: .unauthorized, code: "invalidCredentials", message: "用户名或密码不正确")
        }
        try await throttle.succeeded(attempt)
        return user
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
