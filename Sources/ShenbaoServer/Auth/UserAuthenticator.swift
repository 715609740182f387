import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Finds the user of a request: a Bearer token (API clients) or the session cookie (pages and
/// the pages' own scripts). A request with neither is anonymous; routes decide what that means.
struct UserAuthenticator: AsyncMiddleware {
    let config: Config

    /// The token's user and when the token ends, its select list written once (see StaticSelect).
    private static let userByToken =
        #"SELECT \#(StaticSelect.columns(of: UserModel.self)), "user_tokens"."expires_at" AS "token_expires_at" FROM "user_tokens" JOIN "users" ON "users"."id" = "user_tokens"."user_id""#

    /// The user of a bearer token: remembered (BearerTokenCache), or one query for the token and
    /// its user, which every API request paid for before.
    private static func user(bearing token: String, on request: Request) async throws -> AuthenticatedUser {
        let hash = Secrets.hash(token)
        let now = SecurityClock.now
        let cache = request.application.bearerTokens
        if let user = cache.user(forHash: hash, at: now) { return user }
        if BenchPiece.staticSelect.isOff {
            // Off for the bench: Fluent's query, as before StaticSelect.
            guard
                let token = try await UserTokenModel.query(on: request.db)
                    .join(UserModel.self, on: \UserTokenModel.$user.$id == \UserModel.$id)
                    .filter(\.$tokenHash == hash).filter(\.$expiresAt > now).first()
            else {
                throw AppError(status: .unauthorized, code: .invalidToken, message: "登录凭证无效或已过期，请重新登录")
            }
            let user = try AuthenticatedUser(token.joined(UserModel.self), method: .token)
            cache.remember(user, forHash: hash, expiresAt: token.expiresAt, at: now)
            return user
        }
        let row = try await StaticSelect.sql(request.db).raw(
            "\(unsafeRaw: userByToken) WHERE \"user_tokens\".\"token_hash\" = \(bind: hash) AND \"user_tokens\".\"expires_at\" > \(bind: now)"
        ).first()
        guard let row else {
            throw AppError(status: .unauthorized, code: .invalidToken, message: "登录凭证无效或已过期，请重新登录")
        }
        let user = try AuthenticatedUser(StaticSelect.decode(UserModel.self, from: row), method: .token)
        cache.remember(
            user, forHash: hash, expiresAt: try row.decode(column: "token_expires_at", as: Date.self), at: now)
        return user
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // `/metrics` reads its own bearer token (SHENBAO_METRICS_TOKEN), which is no user's.
        if request.url.path != "/metrics", let bearer = request.headers.bearerAuthorization {
            request.auth.login(try await Self.user(bearing: bearer.token, on: request))
        } else if request.hasSessionCookie,
            let id = request.session.data[SessionKeys.userID].flatMap({ UUID(uuidString: $0) })
        {
            let now = SecurityClock.now.timeIntervalSince1970
            let loginAt = request.session.data[SessionKeys.loginAt].flatMap(Double.init) ?? 0
            let seenAt = request.session.data[SessionKeys.seenAt].flatMap(Double.init) ?? loginAt
            // The session's record must still exist (ended sessions are deleted) and the user
            // must not be disabled: either signs this browser out at once.
            if now - loginAt < config.sessionLifetime, let record = request.sessionRecordID,
                let user = try await UserModel.query(on: request.db)
                    .join(UserSessionModel.self, on: \UserSessionModel.$user.$id == \UserModel.$id)
                    .filter(UserSessionModel.self, \.$id == record).filter(\.$id == id).first(),
                user.disabledAt == nil, now - seenAt < config.idleTimeout(user.role)
            {
                request.auth.login(try AuthenticatedUser(user, method: .session))
                // Noted at most once a minute: the idle clock needs no write per request.
                if now - seenAt > 60 {
                    request.session.data[SessionKeys.seenAt] = String(now)
                    try await UserSessionModel.query(on: request.db).filter(\.$id == record)
                        .set(\.$lastSeenAt, to: Date(timeIntervalSince1970: now)).update()
                }
            } else {
                request.session.data[SessionKeys.seenAt] = nil
                request.session.data[SessionKeys.userID] = nil
                request.session.data[SessionKeys.loginAt] = nil
                request.session.data[SessionKeys.sessionRecord] = nil
            }
        }
        return try await next.respond(to: request)
    }
}

enum SessionKeys {
    static let userID = "userID"
    static let loginAt = "loginAt"
    /// When the session last made a request (to the minute), for the idle timeout.
    static let seenAt = "seenAt"
    /// The UserSessionModel of this browser: the list of one's sessions, and ending them.
    static let sessionRecord = "sessionRecord"
    /// A right password waiting for its second factor: whom, since when, and where to go next.
    static let twoFactorUserID = "twoFactorUserID"
    static let twoFactorAt = "twoFactorAt"
    static let twoFactorNext = "twoFactorNext"
    /// A two-factor key shown for setting up, until the app's first code confirms it.
    static let twoFactorSecret = "twoFactorSecret"
    static let csrf = "csrf"
    static let cookieName = "shenbao_session"
}

extension Request {
    /// Reading `session` creates one; anonymous visitors without a cookie should not get a row each.
    var hasSessionCookie: Bool { cookies[SessionKeys.cookieName] != nil }
}

extension Request {
    /// Gives the browser a new session id (after login), dropping the old record and its data.
    func regenerateSession() async throws {
        if hasSessionCookie, let id = session.id {
            try await application.sessions.driver.deleteSession(id, for: self).get()
        }
        session.id = nil
        session.data = SessionData()
    }

    /// The same for a user just created (registration, setup).
    func startSession(for userID: UUID) async throws {
        guard let user = try await UserModel.find(userID, on: db) else { throw AppError.unauthenticated }
        try await startSession(for: user)
    }

    /// Signs a user in to this browser, under a new session id, and records the login.
    func startSession(for user: UserModel) async throws {
        try await regenerateSession()
        let record = try await db.transaction { db in
            try await AccountSessions.recordLogin(user, via: "网页", request: self, on: db)
            return try await AccountSessions.open(for: user, request: self, on: db)
        }
        session.data[SessionKeys.userID] = try user.requireID().uuidString
        session.data[SessionKeys.loginAt] = String(SecurityClock.now.timeIntervalSince1970)
        session.data[SessionKeys.sessionRecord] = record.uuidString
        _ = CSRF.token(for: self)
    }
}
