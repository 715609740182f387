import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Login and logout: `POST /api/v1/auth/login` gives API tokens; `/login` and `/logout` are the pages.
struct LoginController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        routes.post("api", "v1", "auth", "login", use: apiLogin)
        routes.grouped(RequireSignedIn()).post("api", "v1", "auth", "logout", use: apiLogout)
        routes.get("login", use: loginPage)
        routes.post("login", use: submitLogin)
        routes.post("logout", use: logout)
    }

    struct Credentials: Content {
        var username: String?
        var password: String?
        /// The authenticator's code (or a recovery code) of a user with two-factor sign-in.
        var totp: String?
    }

    struct LoginResponse: Content {
        struct User: Content {
            var id: UUID
            var role: Role
            var organizationId: UUID?
            var username: String
            var contactName: String
        }
        var token: String
        var expiresAt: Date
        var user: User
        /// An account made by an administrator: every other call answers 403
        /// `passwordChangeRequired` until `POST /api/v1/account/password` sets the user's own.
        var mustChangePassword: Bool
        /// The login before this one, so a stranger's use is noticed.
        var previousLoginAt: Date?
        var previousLoginAddress: String?
    }

    func apiLogin(req: Request) async throws -> LoginResponse {
        let credentials = try req.content.decode(Credentials.self)
        let user = try await LoginService(request: req, config: config)
            .authenticate(username: credentials.username, password: credentials.password)
        if user.totpSecret != nil {
            try await TwoFactorService(db: req.db, config: config).verify(
                user, code: credentials.totp, address: req.clientAddress(trustProxy: config.trustProxy))
        } else if config.requireStaffTwoFactor, TwoFactorService.appliesTo(user.role) {
            throw AppError(
                status: .forbidden, code: .twoFactorSetupRequired,
                message: "省科协和财务账号须先启用两步验证：请在网页上登录，按提示完成设置后再使用接口")
        }
        let token = Secrets.make()
        let expiresAt = SecurityClock.now.addingTimeInterval(config.tokenLifetime)
        try await req.db.transaction { db in
            try await UserTokenModel(tokenHash: Secrets.hash(token), userID: user.requireID(), expiresAt: expiresAt)
                .create(on: db)
            try await AccountSessions.recordLogin(user, via: "接口", request: req, on: db)
        }
        return LoginResponse(
            token: token, expiresAt: expiresAt,
            user: .init(
                id: try user.requireID(), role: user.role, organizationId: user.$organization.id,
                username: user.username, contactName: user.contactName),
            mustChangePassword: user.mustChangePassword, previousLoginAt: user.previousLoginAt,
            previousLoginAddress: user.previousLoginAddress)
    }

    func apiLogout(req: Request) async throws -> HTTPStatus {
        try await AccountSessions.signOut(req)
        if let bearer = req.headers.bearerAuthorization {
            let hash = Secrets.hash(bearer.token)
            try await UserTokenModel.query(on: req.db).filter(\.$tokenHash == hash).delete()
            req.application.bearerTokens.forget(hash: hash)
        } else {
            req.session.destroy()
        }
        return .noContent
    }

    func loginPage(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: "/workspace") }
        let next = Self.safeNext(req.query[String.self, at: "next"])
        return try await req.renderPage(
            .authLogin, title: "登录",
            LoginPage(
                username: "", next: next, message: nil, errors: [:],
                passwordSet: req.query[String.self, at: "passwordSet"] != nil), withForm: true)
    }

    func submitLogin(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        do {
            let user = try await LoginService(request: req, config: config)
                .authenticate(username: form.username, password: form.password)
            if user.totpSecret != nil { return try await TwoFactorController.begin(req, user: user, next: next) }
            // A new session id on login, so a session fixed before login is worth nothing.
            try await req.startSession(for: user)
            return req.redirect(to: next)
        } catch let error as AppError {
            let errors = Dictionary(error.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            let page = LoginPage(
                username: form.username ?? "", next: next, message: error.problems.isEmpty ? error.message : nil,
                errors: errors)
            return try await req.renderPage(.authLogin, title: "登录", page, status: error.status, withForm: true)
        }
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    func logout(req: Request) async throws -> Response {
        try await AccountSessions.signOut(req)
        req.session.destroy()
        return req.redirect(to: "/?loggedOut=1")
    }

    /// Only paths of this site: `next` must never send a user elsewhere after login.
    static func safeNext(_ value: String?) -> String {
        LocalPath.checked(value) ?? "/workspace"
    }
}
