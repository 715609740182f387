import ShenbaoCore
import Vapor

/// Cross-site request forgery protection for everything a browser session can change: forms
/// carry a hidden `_csrf` field, the pages' scripts an `X-CSRF-Token` header, both equal to a
/// secret kept in the session. API clients using a Bearer token have no ambient credentials and
/// need neither.
enum CSRF {
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let existing = request.session.data[SessionKeys.csrf] { return existing }
        let token = Secrets.make()
        request.session.data[SessionKeys.csrf] = token
        return token
    }

    static func isValid(_ request: Request) -> Bool {
        guard request.hasSessionCookie, let expected = request.session.data[SessionKeys.csrf] else { return false }
        let sent =
            request.headers.first(name: headerName)
            ?? (request.headers.contentType?.type == "multipart"
                ? try? MultipartForm.of(request).text(fieldName)
                : try? request.content.get(String.self, at: fieldName))
        guard let sent else { return false }
        return Secrets.equal(sent, expected)
    }

    static let failure = AppError(
        status: .forbidden, code: .csrfFailed, message: "页面已过期或来源无法验证，请刷新页面后重新提交")
}

/// Guards every unsafe request that relies on the session cookie.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        let isPage = !request.url.path.hasPrefix("/api/")
        let viaSession = request.currentUser?.method == .session
        if !safe.contains(request.method), isPage || viaSession {
            // Middleware runs before the route collects the body: a form larger than one network
            // read would otherwise look as if it had no token. Scripts send the header instead,
            // so their uploads are not read twice.
            // A request that cannot carry a valid token (no session, or a session that never
            // showed a form) is refused before its body is read: forty anonymous 20 MB posts
            // were each read whole before their 403, and took the server from 80 to 393 MB.
            guard request.hasSessionCookie, request.session.data[SessionKeys.csrf] != nil else { throw CSRF.failure }
            let limit = Self.bodyLimit(request)
            if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
                throw Abort(.payloadTooLarge)
            }
            if request.headers.first(name: CSRF.headerName) == nil, request.body.data == nil {
                _ = try await request.body.collect(max: limit).get()
            }
            guard CSRF.isValid(request) else { throw CSRF.failure }
        }
        return try await next.respond(to: request)
    }

    /// What a form may send: a signed-in user's form may carry an attachment; an anonymous one
    /// (login, registration, an objection, the setup link) is a few fields.
    static func bodyLimit(_ request: Request) -> Int {
        guard request.currentUser != nil else { return anonymousFormBytes }
        let config = request.application.shenbaoConfig
        return max(request.application.routes.defaultMaxBodySize.value, config.maxAttachmentBytes + 1024 * 1024)
    }

    /// The largest anonymous form: registration with every field at its limit is under 16 KB; a
    /// page of text pasted into a field still gets its message beside the field, not a 413.
    static let anonymousFormBytes = 256 * 1024
}
