import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// A user's own account: the password, where they are signed in, their previous login.
/// `/account` and `/account/password` are the pages; `/api/v1/account/...` the API.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignedIn())
        signedIn.get("account", use: page)
        signedIn.get("account", "password", use: passwordPage)
        signedIn.post("account", "password", use: submitPassword)
        signedIn.post("account", "sessions", ":sessionId", "end", use: endSessionPage)
        signedIn.post("account", "sessions", "end-others", use: endOthersPage)
        signedIn.get("api", "v1", "account", use: apiAccount)
        signedIn.post("api", "v1", "account", "password", use: apiPassword)
        signedIn.get("api", "v1", "account", "sessions", use: apiSessions)
        signedIn.delete("api", "v1", "account", "sessions", ":sessionId", use: apiEndSession)
    }

    struct SessionDTO: Content {
        var id: UUID
        var device: String
        var address: String
        var createdAt: Date
        var lastSeenAt: Date
        /// The browser asking.
        var current: Bool
        var createdAtText: String
        var lastSeenAtText: String
    }

    struct AccountDTO: Content {
        var id: UUID
        var username: String
        var role: Role
        var roleLabel: String
        var contactName: String
        var mustChangePassword: Bool
        var hasTwoFactor: Bool
        var passwordChangedAt: Date?
        var previousLoginAt: Date?
        var previousLoginAddress: String?
        var sessions: [SessionDTO]
    }

    static func account(_ req: Request) async throws -> AccountDTO {
        let actor = try req.requireUser()
        guard let user = try await UserModel.find(actor.id, on: req.db) else { throw AppError.unauthenticated }
        let current = req.sessionRecordID
        let sessions = try await UserSessionModel.query(on: req.db).filter(\.$user.$id == actor.id)
            .sort(\.$lastSeenAt, .descending).limit(100).all()
        return AccountDTO(
            id: actor.id, username: user.username, role: user.role, roleLabel: user.role.label,
            contactName: user.contactName, mustChangePassword: user.mustChangePassword,
            hasTwoFactor: user.totpSecret != nil, passwordChangedAt: user.passwordChangedAt,
            previousLoginAt: user.previousLoginAt, previousLoginAddress: user.previousLoginAddress,
            sessions: try sessions.map {
                SessionDTO(
                    id: try $0.requireID(), device: $0.device, address: $0.address, createdAt: $0.createdAt,
                    lastSeenAt: $0.lastSeenAt, current: $0.id == current,
                    createdAtText: ChineseFormat.dateTime($0.createdAt),
                    lastSeenAtText: ChineseFormat.dateTime($0.lastSeenAt))
            })
    }

    // MARK: API

    func apiAccount(req: Request) async throws -> AccountDTO { try await Self.account(req) }

    func apiSessions(req: Request) async throws -> [SessionDTO] { try await Self.account(req).sessions }

    func apiPassword(req: Request) async throws -> HTTPStatus {
        let input = try req.content.decode(PasswordService.Change.self)
        try await PasswordService(request: req).change(input, for: try req.requireUser())
        return .noContent
    }

    func apiEndSession(req: Request) async throws -> HTTPStatus {
        try await end(req.parameters.get("sessionId"), req: req)
        return .noContent
    }

    /// Ends one of the user's own sessions; another user's is "not found", so ids cannot be probed.
    private func end(_ raw: String?, req: Request) async throws {
        let actor = try req.requireUser()
        guard let id = raw.flatMap(UUID.init(uuidString:)),
            let record = try await UserSessionModel.query(on: req.db).filter(\.$id == id)
                .filter(\.$user.$id == actor.id).first()
        else { throw AppError.notFound("该登录会话") }
        try await req.db.transaction { db in
            try await record.delete(on: db)
            try await AuditTrail.record(
                .sessionEnded, by: actor, subject: .user(actor),
                detail: "\(record.device)，\(record.address)", request: req, on: db)
        }
    }

    // MARK: Pages

    func page(req: Request) async throws -> Response {
        let page = AccountPage.make(try await Self.account(req), ended: req.query[String.self, at: "ended"] != nil)
        return try await req.renderPage(.accountShow, title: "账号与安全", page)
    }

    func passwordPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await req.renderPage(
            .accountPassword, title: user.mustChangePassword ? "设置您自己的密码" : "修改密码",
            PasswordPage(first: user.mustChangePassword, hint: PasswordPolicy.hint, errors: [:], problems: []))
    }

    func submitPassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.content.decode(PasswordService.Change.self)
        do {
            try await PasswordService(request: req).change(input, for: user)
            return req.redirect(to: user.mustChangePassword ? "/workspace?passwordSet=1" : "/account?changed=1")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await req.renderPage(
                .accountPassword, title: user.mustChangePassword ? "设置您自己的密码" : "修改密码",
                PasswordPage(
                    first: user.mustChangePassword, hint: PasswordPolicy.hint, errors: FieldErrors.make(error.problems),
                    problems: error.problems), status: .unprocessableEntity)
        }
    }

    func endSessionPage(req: Request) async throws -> Response {
        try await end(req.parameters.get("sessionId"), req: req)
        return req.redirect(to: "/account?ended=1")
    }

    func endOthersPage(req: Request) async throws -> Response {
        let actor = try req.requireUser()
        try await req.db.transaction { db in
            var others = UserSessionModel.query(on: db).filter(\.$user.$id == actor.id)
            if let current = req.sessionRecordID { others = others.filter(\.$id != current) }
            try await others.delete()
            try await AuditTrail.record(
                .sessionEnded, by: actor, subject: .user(actor),
                detail: "结束其他全部网页会话", request: req, on: db)
        }
        return req.redirect(to: "/account?ended=1")
    }
}
