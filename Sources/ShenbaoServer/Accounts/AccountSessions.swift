import Fluent
import Foundation
import Vapor

/// Where a user is signed in, and how that ends. A login records itself (the trail, the last and
/// previous login); a password change, a reset or a disable ends every other session and token.
enum AccountSessions {
    /// Records a login that passed every check: the user's last and previous login, and a line of
    /// the trail. `via` says how ("网页", "接口").
    static func recordLogin(_ user: UserModel, via: String, request: Request, on db: any Database) async throws {
        let address = request.clientAddress(trustProxy: request.application.shenbaoConfig.trustProxy)
        user.previousLoginAt = user.lastLoginAt
        user.previousLoginAddress = user.lastLoginAddress
        user.lastLoginAt = SecurityClock.now
        user.lastLoginAddress = String(address.prefix(64))
        try await user.save(on: db)
        try await AuditTrail.record(
            .login, by: try AuthenticatedUser(user, method: .session), subject: .user(user), detail: via,
            request: request, on: db)
    }

    /// Opens the record of a browser session for `user`; its id goes into the session cookie's data.
    static func open(for user: UserModel, request: Request, on db: any Database) async throws -> UUID {
        // Sessions past their lifetime ended without a word: their rows go when the user next signs in.
        let lifetime = request.application.shenbaoConfig.sessionLifetime
        try await UserSessionModel.query(on: db).filter(\.$user.$id == user.requireID())
            .filter(\.$createdAt < SecurityClock.now.addingTimeInterval(-lifetime)).delete()
        let record = UserSessionModel(
            userID: try user.requireID(),
            address: String(request.clientAddress(trustProxy: request.application.shenbaoConfig.trustProxy).prefix(64)),
            device: DeviceName.of(userAgent: request.headers.first(name: .userAgent) ?? ""), at: SecurityClock.now)
        try await record.create(on: db)
        return try record.requireID()
    }

    /// Ends the user's browser sessions and API tokens, all but the one making the request when
    /// `keepingCurrent` (a password changed by its owner keeps the owner signed in where they are).
    static func endAll(
        of userID: UUID, keepingCurrentOf request: Request?, application: Application, on db: any Database
    ) async throws {
        let keptSession = request?.currentUser?.method == .session ? request?.sessionRecordID : nil
        let keptToken =
            request?.currentUser?.method == .token
            ? request?.headers.bearerAuthorization.map { Secrets.hash($0.token) } : nil
        var sessions = UserSessionModel.query(on: db).filter(\.$user.$id == userID)
        if let keptSession { sessions = sessions.filter(\.$id != keptSession) }
        try await sessions.delete()
        var tokens = UserTokenModel.query(on: db).filter(\.$user.$id == userID)
        if let keptToken { tokens = tokens.filter(\.$tokenHash != keptToken) }
        let hashes = try await tokens.all().map(\.tokenHash)
        if !hashes.isEmpty {
            try await UserTokenModel.query(on: db).filter(\.$tokenHash ~~ hashes).delete()
        }
        // This instance forgets them now; others within SHENBAO_TOKEN_CACHE_SECONDS (see BearerTokenCache).
        hashes.forEach(application.bearerTokens.forget(hash:))
    }
}

extension AccountSessions {
    /// Signing out: the browser's session record goes with it, and the trail notes it.
    static func signOut(_ request: Request) async throws {
        guard let user = request.currentUser else { return }
        let record = request.sessionRecordID
        try await request.db.transaction { db in
            if let record { try await UserSessionModel.query(on: db).filter(\.$id == record).delete() }
            try await AuditTrail.record(
                .logout, by: user, subject: .user(user),
                detail: user.method == .token ? "接口" : "网页", request: request, on: db)
        }
    }
}

extension Request {
    /// The record of this browser's session (see UserSessionModel), when signed in by cookie.
    var sessionRecordID: UUID? {
        guard hasSessionCookie else { return nil }
        return session.data[SessionKeys.sessionRecord].flatMap(UUID.init(uuidString:))
    }
}

/// A readable name for a browser from its User-Agent, for the list of one's own sessions.
enum DeviceName {
    static func of(userAgent: String) -> String {
        let agent = userAgent.prefix(512)
        let browsers: [(String, String)] = [
            ("MicroMessenger", "微信"), ("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
            ("Safari/", "Safari"), ("curl/", "curl"), ("python", "Python"),
        ]
        let systems: [(String, String)] = [
            ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
            ("Mac OS X", "macOS"), ("Linux", "Linux"),
        ]
        let browser = browsers.first { agent.contains($0.0) }?.1
        let system = systems.first { agent.contains($0.0) }?.1
        switch (browser, system) {
        case let (browser?, system?): return "\(browser) · \(system)"
        case let (browser?, nil): return browser
        case let (nil, system?): return system
        case (nil, nil): return "未知设备"
        }
    }
}
