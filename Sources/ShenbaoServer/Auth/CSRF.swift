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
        status: .forbidden, code: "csrfFailed", message: "页面已过期或来源无法验证，请刷新页面后重新提交")
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
            if request.headers.first(name: CSRF.headerName) == nil, request.body.data == nil {
                let config = request.application.shenbaoConfig
                let limit = max(
                    request.application.routes.defaultMaxBodySize.value, config.maxAttachmentBytes + 1024 * 1024)
                _ = try await request.body.collect(max: limit).get()
            }
            guard CSRF.isValid(request) else { throw CSRF.failure }
        }
        return try await next.respond(to: request)
    }
}
