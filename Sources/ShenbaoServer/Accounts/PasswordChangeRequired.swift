import ShenbaoCore
import Vapor

/// An account made by an administrator (users, imported experts, recommender users) chooses its
/// own password before anything else: pages lead to the form, the API answers 403
/// `passwordChangeRequired` until `POST /api/v1/account/password`.
struct PasswordChangeRequired: AsyncMiddleware {
    static let open: Set<String> = [
        "/account/password", "/api/v1/account/password", "/logout", "/api/v1/auth/logout", "/livez", "/healthz",
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.currentUser, user.mustChangePassword else {
            return try await next.respond(to: request)
        }
        let path = request.url.path
        if Self.open.contains(path) || path.hasPrefix("/css/") || path.hasPrefix("/js/") {
            return try await next.respond(to: request)
        }
        if request.method == .GET, !path.hasPrefix("/api/") {
            return request.redirect(to: "/account/password")
        }
        throw AppError(
            status: .forbidden, code: .passwordChangeRequired,
            message: "这是管理员为您创建的账号，请先设置您自己的密码（POST /api/v1/account/password 或在网页上登录后按提示设置）")
    }
}
