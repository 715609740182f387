import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province manages accounts: `POST/GET /api/v1/users` and the `/admin/users` page.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.post("api", "v1", "users", use: apiCreate)
        province.get("api", "v1", "users", use: apiList)
        province.get("admin", "users", use: page)
        province.post("admin", "users", use: submit)
    }

    struct UserDTO: Content {
        var id: UUID
        var username: String
        var role: Role
        var roleLabel: String
        var organizationId: UUID?
        var organizationName: String?
        var contactName: String
        var phone: String
        var email: String
        var createdAt: Date?
        /// Signs in with a second factor; the province may reset it (a lost phone).
        var hasTwoFactor: Bool
    }

    func apiCreate(req: Request) async throws -> Response {
        let input = try req.content.decode(UserService.Input.self)
        let created = try await UserService(database: req.db, hasher: req.password.async).create(input)
        return try await created.encodeResponse(status: .created, for: req)
    }

    func apiList(req: Request) async throws -> [UserDTO] {
        try await Self.all(on: req.db)
    }

    static func all(on db: any Database) async throws -> [UserDTO] {
        try await UserModel.query(on: db).with(\.$organization).sort(\.$role).sort(\.$username).all().map { user in
            UserDTO(
                id: try user.requireID(), username: user.username, role: user.role, roleLabel: user.role.label,
                organizationId: user.$organization.id, organizationName: user.organization?.name,
                contactName: user.contactName, phone: user.phone, email: user.email, createdAt: user.createdAt,
                hasTwoFactor: user.totpSecret != nil)
        }
    }

    struct Page: Encodable {
        var users: [UserDTO]
        var roles: [Option]
        var organizations: [Option]
        var form: UserService.Input
        var errors: [String: String]
        var problems: [Problem]
        var created: String?
        var reset: String?
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: .init(), problems: [], created: req.query[String.self, at: "created"])
    }

    func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(UserService.Input.self)
        do {
            let created = try await UserService(database: req.db, hasher: req.password.async).create(input)
            let name = created.username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return req.redirect(to: "/admin/users?created=\(name)")
        } catch let error as AppError where !error.problems.isEmpty {
            var form = input
            form.password = nil
            return try await render(
                req, form: form, problems: error.problems, created: nil, status: .unprocessableEntity)
        }
    }

    private func render(
        _ req: Request, form: UserService.Input, problems: [Problem], created: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = Page(
            users: try await Self.all(on: req.db),
            roles: Role.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            organizations: try await OrganizationModel.query(on: req.db).sort(\.$kind).sort(\.$divisionCode).all()
                .map { Option(code: try $0.requireID().uuidString, label: $0.name) },
            form: form, errors: FieldErrors.make(problems), problems: problems, created: created,
            reset: req.query[String.self, at: "reset"])
        return try await req.renderPage("admin/users", title: "用户管理", page, status: status)
    }
}
