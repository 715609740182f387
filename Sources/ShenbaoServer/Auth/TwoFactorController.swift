import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The pages of two-factor sign-in: the second step after the password (`/login/two-factor`),
/// setting it up (`/account/two-factor`, province and finance), and the province's reset.
struct TwoFactorController: RouteCollection {
    let config: Config

    /// How long the second step waits after a right password.
    static let pendingLifetime: TimeInterval = 300

    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", "two-factor", use: stepPage)
        routes.post("login", "two-factor", use: submitStep)
        let staff = routes.grouped(RequireRoles(.province, .finance, .sysadmin, .auditor))
        staff.get("account", "two-factor", use: setupPage)
        staff.post("account", "two-factor", use: confirmSetup)
        staff.get("api", "v1", "account", "two-factor", use: apiStatus)
        staff.post("api", "v1", "account", "two-factor", use: apiEnable)
        let administrators = routes.grouped(RequireRoles(.sysadmin, .province))
        administrators.post("admin", "users", ":userId", "two-factor", "reset", use: reset)
        administrators.post("api", "v1", "users", ":userId", "two-factor", "reset", use: apiReset)
    }

    // MARK: - The API: a client holds the key itself between the two calls

    struct Status: Content {
        var enabled: Bool
        var required: Bool
        /// A new key for an authenticator app, while none is enabled; sent back with its first code.
        var key: String?
        var uri: String?
    }

    func apiStatus(req: Request) async throws -> Status {
        let user = try await signedInUser(req)
        guard user.totpSecret == nil else { return Status(enabled: true, required: config.requireStaffTwoFactor) }
        let key = TOTP.newSecret()
        return Status(
            enabled: false, required: config.requireStaffTwoFactor, key: Base32.encode(key),
            uri: TOTP.provisioningURI(secret: key, account: user.username))
    }

    struct SetupInput: Content {
        var key: String?
        var code: String?
    }

    struct Enabled: Content {
        var recoveryCodes: [String]
    }

    func apiEnable(req: Request) async throws -> Enabled {
        let user = try await signedInUser(req)
        guard user.totpSecret == nil else {
            throw AppError.conflict("本账号已启用两步验证；如需更换手机，请联系省科协重置", code: .twoFactorEnabled)
        }
        let input = try req.content.decode(SetupInput.self)
        // A key is 20 bytes; one a client made up must be neither empty nor a page long.
        guard let key = input.key.flatMap(Base32.decode), (10...64).contains(key.count) else {
            throw AppError.validation([
                Problem(field: "key", code: .invalidValue, message: "密钥应为 GET 本接口得到的 Base32 密钥（32个字母或数字）")
            ])
        }
        return Enabled(
            recoveryCodes: try await TwoFactorService(db: req.db, config: config).enable(
                user, secret: key, code: input.code ?? "", request: req))
    }

    func apiReset(req: Request) async throws -> HTTPStatus {
        try await TwoFactorService(db: req.db, config: config).reset(
            try await UserAdministration.target(req), request: req)
        return .noContent
    }

    private func signedInUser(_ req: Request) async throws -> UserModel {
        guard let user = try await UserModel.find(try req.requireUser().id, on: req.db) else {
            throw AppError.unauthenticated
        }
        return user
    }

    // MARK: - The second step of signing in

    /// A right password of a user with two-factor sign-in: the session remembers whom, for a while.
    static func begin(_ req: Request, user: UserModel, next: String) async throws -> Response {
        try await req.regenerateSession()
        req.session.data[SessionKeys.twoFactorUserID] = try user.requireID().uuidString
        req.session.data[SessionKeys.twoFactorAt] = String(SecurityClock.now.timeIntervalSince1970)
        req.session.data[SessionKeys.twoFactorNext] = next
        return req.redirect(to: "/login/two-factor")
    }

    /// The step asked without a password waiting for it: say so and offer the login again.
    private func expired(_ req: Request, status: HTTPResponseStatus) async throws -> Response {
        try await req.renderPage(
            .authTwoFactor, title: "两步验证",
            TwoFactorStepPage(message: "登录验证已超时（密码正确后5分钟内须输入验证码），或尚未输入密码。请重新登录。", expired: true), status: status)
    }

    private func pendingUser(_ req: Request) async throws -> UserModel? {
        guard req.hasSessionCookie,
            let id = req.session.data[SessionKeys.twoFactorUserID].flatMap(UUID.init(uuidString:)),
            let at = req.session.data[SessionKeys.twoFactorAt].flatMap(Double.init),
            SecurityClock.now.timeIntervalSince1970 - at < Self.pendingLifetime
        else { return nil }
        return try await UserModel.find(id, on: req.db)
    }

    func stepPage(req: Request) async throws -> Response {
        guard try await pendingUser(req) != nil else { return try await expired(req, status: .ok) }
        return try await req.renderPage(.authTwoFactor, title: "两步验证", TwoFactorStepPage(message: nil), withForm: true)
    }

    struct StepForm: Content {
        var code: String?
    }

    func submitStep(req: Request) async throws -> Response {
        guard let user = try await pendingUser(req) else { return try await expired(req, status: .gone) }
        let form = try req.content.decode(StepForm.self)
        do {
            try await TwoFactorService(db: req.db, config: config).verify(
                user, code: form.code, address: req.clientAddress(trustProxy: config.trustProxy))
        } catch let error as AppError {
            return try await req.renderPage(
                .authTwoFactor, title: "两步验证", TwoFactorStepPage(message: error.message), status: error.status,
                withForm: true
            )
        }
        let next = LocalPath.checked(req.session.data[SessionKeys.twoFactorNext]) ?? "/workspace"
        try await req.startSession(for: user)
        return req.redirect(to: next)
    }

    // MARK: - Setting it up

    func setupPage(req: Request) async throws -> Response {
        try await renderSetup(req, problems: [], codes: nil)
    }

    private func renderSetup(
        _ req: Request, problems: [Problem], codes: [String]?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try await signedInUser(req)
        var key: String?
        if user.totpSecret == nil {
            // The key waits in the session until the app's first code confirms it was scanned.
            let pending = req.session.data[SessionKeys.twoFactorSecret] ?? Base32.encode(TOTP.newSecret())
            req.session.data[SessionKeys.twoFactorSecret] = pending
            key = pending
        }
        let page = TwoFactorSetupPage.make(
            for: user, pendingKey: key, required: config.requireStaffTwoFactor, recoveryCodes: codes,
            problems: problems)
        return try await req.renderPage(.authTwoFactorSetup, title: "两步验证设置", page, status: status, withForm: true)
    }

    struct SetupForm: Content {
        var code: String?
    }

    func confirmSetup(req: Request) async throws -> Response {
        let user = try await signedInUser(req)
        guard user.totpSecret == nil else { return req.redirect(to: "/account/two-factor") }
        guard let secret = req.session.data[SessionKeys.twoFactorSecret].flatMap(Base32.decode) else {
            return req.redirect(to: "/account/two-factor")
        }
        let form = try req.content.decode(SetupForm.self)
        do {
            let codes = try await TwoFactorService(db: req.db, config: config).enable(
                user, secret: secret, code: form.code ?? "", request: req)
            req.session.data[SessionKeys.twoFactorSecret] = nil
            return try await renderSetup(req, problems: [], codes: codes)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderSetup(req, problems: error.problems, codes: nil, status: .unprocessableEntity)
        }
    }

    // MARK: - The province's reset

    func reset(req: Request) async throws -> Response {
        let user = try await UserAdministration.target(req)
        try await TwoFactorService(db: req.db, config: config).reset(user, request: req)
        return req.redirect(to: "/admin/users/\(try user.requireID())?done=twoFactorReset")
    }
}

/// With `SHENBAO_REQUIRE_STAFF_TWO_FACTOR`, a province or finance user signed in without two-factor
/// sign-in set up can do nothing but set it up (or sign out).
struct TwoFactorEnrolment: AsyncMiddleware {
    let config: Config

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard config.requireStaffTwoFactor, let user = request.currentUser, !user.hasTwoFactor,
            TwoFactorService.appliesTo(user.role)
        else { return try await next.respond(to: request) }
        let path = request.url.path
        let open = [
            "/account/two-factor", "/api/v1/account/two-factor", "/logout", "/api/v1/auth/logout", "/livez", "/healthz",
        ]
        if open.contains(path) || path.hasPrefix("/css/") || path.hasPrefix("/js/") {
            return try await next.respond(to: request)
        }
        if request.method == .GET, !path.hasPrefix("/api/") {
            return request.redirect(to: "/account/two-factor")
        }
        throw AppError(
            status: .forbidden, code: .twoFactorSetupRequired,
            message: "省科协和财务账号须先启用两步验证：请在网页上打开“两步验证设置”完成设置后再操作")
    }
}
