import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Accounts, for the system administrator (every account) and the province (the people of a
/// call): `/api/v1/users...` and the `/admin/users` pages. Every change is a line of the trail.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let administrators = routes.grouped(RequireRoles(.sysadmin, .province))
        administrators.post("api", "v1", "users", use: apiCreate)
        administrators.get("api", "v1", "users", use: apiList)
        administrators.get("api", "v1", "users", ":userId", use: apiShow)
        administrators.patch("api", "v1", "users", ":userId", use: apiEdit)
        administrators.post("api", "v1", "users", ":userId", "disable", use: apiDisable)
        administrators.post("api", "v1", "users", ":userId", "enable", use: apiEnable)
        administrators.post("api", "v1", "users", ":userId", "password-link", use: apiPasswordLink)
        administrators.get("admin", "users", use: page)
        administrators.post("admin", "users", use: submit)
        administrators.get("admin", "users", ":userId", use: userPage)
        administrators.post("admin", "users", ":userId", use: submitEdit)
        administrators.post("admin", "users", ":userId", "disable", use: submitDisable)
        administrators.post("admin", "users", ":userId", "enable", use: submitEnable)
        administrators.post("admin", "users", ":userId", "password-link", use: submitPasswordLink)
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
        /// Signs in with a second factor; an administrator may reset it (a lost phone).
        var hasTwoFactor: Bool
        var disabled: Bool
        var disabledAt: Date?
        var disabledReason: String?
        /// Still has the password an administrator gave it.
        var mustChangePassword: Bool
        var lastLoginAt: Date?
        var lastLoginAddress: String?
        var lastLoginText: String

        init(_ user: UserModel) throws {
            id = try user.requireID()
            username = user.username
            role = user.role
            roleLabel = user.role.label
            organizationId = user.$organization.id
            organizationName = user.$organization.value??.name
            contactName = user.contactName
            phone = user.phone
            email = user.email
            createdAt = user.createdAt
            hasTwoFactor = user.totpSecret != nil
            disabled = user.disabledAt != nil
            disabledAt = user.disabledAt
            disabledReason = user.disabledReason
            mustChangePassword = user.mustChangePassword
            lastLoginAt = user.lastLoginAt
            lastLoginAddress = user.lastLoginAddress
            lastLoginText = user.lastLoginAt.map { ChineseFormat.dateTime($0) } ?? "从未登录"
        }
    }

    // MARK: - Search

    struct Filter: Encodable {
        var q: String = ""
        var role: String = ""
        var state: String = ""
    }

    /// At most this many rows a search: a real office finds a person by typing, not by scrolling.
    static let listLimit = 500

    static func filter(from req: Request) throws -> Filter {
        var filter = Filter()
        var problems: [Problem] = []
        filter.q = String((req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        if let raw = req.query[String.self, at: "role"], !raw.isEmpty {
            if Role(rawValue: raw) == nil {
                problems.append(Problem(field: "role", code: .invalidValue, message: "角色 \(raw.prefix(20)) 无法识别"))
            } else {
                filter.role = raw
            }
        }
        if let raw = req.query[String.self, at: "state"], !raw.isEmpty {
            if ["active", "disabled"].contains(raw) {
                filter.state = raw
            } else {
                problems.append(
                    Problem(field: "state", code: .invalidValue, message: "状态只能是 active（正常）或 disabled（已停用）"))
            }
        }
        if !problems.isEmpty { throw AppError.validation(problems) }
        return filter
    }

    static func search(_ filter: Filter, for actor: AuthenticatedUser, on db: any Database) async throws -> [UserDTO] {
        var query = UserModel.query(on: db).with(\.$organization)
            .filter(\.$role ~~ Array(actor.role.administeredRoles))
        if let role = Role(rawValue: filter.role) { query = query.filter(\.$role == role) }
        if filter.state == "active" { query = query.filter(\.$disabledAt == nil) }
        if filter.state == "disabled" { query = query.filter(\.$disabledAt != nil) }
        if !filter.q.isEmpty {
            // The organisation's name is matched through its id: one query, no join in Fluent's way.
            let organizations = try await OrganizationModel.query(on: db).filter(\.$name ~~ filter.q).limit(200)
                .all().compactMap(\.id)
            query = query.group(.or) {
                $0.filter(\.$username ~~ filter.q).filter(\.$contactName ~~ filter.q)
                if !organizations.isEmpty { $0.filter(\.$organization.$id ~~ organizations) }
            }
        }
        return try await query.sort(\.$role).sort(\.$username).limit(listLimit).all().map(UserDTO.init)
    }

    // MARK: - API

    /// Creating an account of a role one does not administer is refused by name, not hidden.
    private func create(_ input: UserService.Input, req: Request) async throws -> UserService.Created {
        let actor = try req.requireUser()
        if let role = input.role.flatMap(Role.init(rawValue:)), !actor.role.administeredRoles.contains(role) {
            throw AppError(
                status: .forbidden, code: .roleNotAdministered,
                message: "\(actor.role.label)不能创建“\(role.label)”账号，请联系系统管理员")
        }
        return try await req.db.transaction { db in
            let created = try await UserService(database: db, hasher: req.password.async)
                .create(input, mustChangePassword: true)
            if let user = try await UserModel.find(created.id, on: db) {
                try await AuditTrail.record(
                    .userCreated, by: actor, subject: .user(user), detail: "角色：\(created.role.label)", request: req,
                    on: db)
            }
            return created
        }
    }

    func apiCreate(req: Request) async throws -> Response {
        let created = try await create(try req.content.decode(UserService.Input.self), req: req)
        return try await created.encodeResponse(status: .created, for: req)
    }

    func apiList(req: Request) async throws -> [UserDTO] {
        try await Self.search(Self.filter(from: req), for: try req.requireUser(), on: req.db)
    }

    func apiShow(req: Request) async throws -> UserDTO {
        try UserDTO(try await UserAdministration.target(req))
    }

    func apiEdit(req: Request) async throws -> UserDTO {
        let user = try await UserAdministration.target(req)
        try await UserAdministration.edit(user, try req.content.decode(UserAdministration.Edit.self), request: req)
        return try UserDTO(try await UserAdministration.target(req))
    }

    func apiDisable(req: Request) async throws -> UserDTO {
        let user = try await UserAdministration.target(req)
        let input = try req.content.decode(UserAdministration.Disable.self)
        try await UserAdministration.disable(user, reason: input.reason, request: req)
        return try UserDTO(user)
    }

    func apiEnable(req: Request) async throws -> UserDTO {
        let user = try await UserAdministration.target(req)
        try await UserAdministration.enable(user, request: req)
        return try UserDTO(user)
    }

    func apiPasswordLink(req: Request) async throws -> Response {
        let user = try await UserAdministration.target(req)
        return try await UserAdministration.passwordLink(for: user, request: req)
            .encodeResponse(status: .created, for: req)
    }

    // MARK: - Pages

    func page(req: Request) async throws -> Response {
        try await render(req, form: .init(), problems: [], created: req.query[String.self, at: "created"])
    }

    func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(UserService.Input.self)
        do {
            let created = try await create(input, req: req)
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
        let page = try await UsersPage.load(
            for: try req.requireUser(), filter: try Self.filter(from: req), form: form, problems: problems,
            created: created, on: req.db)
        return try await req.renderPage(.adminUsers, title: "用户管理", page, status: status)
    }

    private func renderUser(
        _ req: Request, _ user: UserModel, edit: UserAdministration.Edit? = nil, problems: [Problem] = [],
        link: PasswordService.Link? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let done: String? =
            switch req.query[String.self, at: "done"] {
            case "edited": "已保存修改。"
            case "disabled": "账号已停用：其全部登录会话和接口凭证已结束，再登录时会被告知已停用。"
            case "enabled": "账号已重新启用，可以用原密码登录。"
            case "twoFactorReset": "已重置两步验证，其下次登录时只需密码，并须重新设置。"
            default: nil
            }
        let page = try await UserPage.load(
            user, edit: edit, problems: problems, done: done, link: link, on: req.db)
        return try await req.renderPage(.adminUser, title: "用户：\(user.username)", page, status: status)
    }

    func userPage(req: Request) async throws -> Response {
        try await renderUser(req, try await UserAdministration.target(req))
    }

    func submitEdit(req: Request) async throws -> Response {
        let user = try await UserAdministration.target(req)
        let input = try req.content.decode(UserAdministration.Edit.self)
        do {
            try await UserAdministration.edit(user, input, request: req)
            return req.redirect(to: "/admin/users/\(try user.requireID())?done=edited")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderUser(
                req, try await UserAdministration.target(req), edit: input, problems: error.problems,
                status: .unprocessableEntity)
        }
    }

    func submitDisable(req: Request) async throws -> Response {
        let user = try await UserAdministration.target(req)
        let input = try req.content.decode(UserAdministration.Disable.self)
        do {
            try await UserAdministration.disable(user, reason: input.reason, request: req)
            return req.redirect(to: "/admin/users/\(try user.requireID())?done=disabled")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderUser(req, user, problems: error.problems, status: .unprocessableEntity)
        }
    }

    func submitEnable(req: Request) async throws -> Response {
        let user = try await UserAdministration.target(req)
        try await UserAdministration.enable(user, request: req)
        return req.redirect(to: "/admin/users/\(try user.requireID())?done=enabled")
    }

    /// The link is shown on this response only: reloading the page does not show it again.
    func submitPasswordLink(req: Request) async throws -> Response {
        let user = try await UserAdministration.target(req)
        let link = try await UserAdministration.passwordLink(for: user, request: req)
        return try await renderUser(req, user, link: link)
    }
}
