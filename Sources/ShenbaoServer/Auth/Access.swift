import ShenbaoCore
import Vapor

/// Route guards. Ownership is checked by each handler against the loaded rows; these only say
/// who may reach a route at all.
struct RequireRoles: AsyncMiddleware {
    let roles: Set<Role>

    init(_ roles: Role...) { self.roles = Set(roles) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try request.requireUser()
        guard roles.contains(user.role) else { throw AppError.forbidden }
        return try await next.respond(to: request)
    }
}

struct RequireSignedIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireUser()
        return try await next.respond(to: request)
    }
}
