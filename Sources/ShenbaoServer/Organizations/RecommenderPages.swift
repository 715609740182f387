import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// One recommender's page for the province, `/admin/recommenders/{id}`: edit it, open accounts,
/// deactivate or activate it, and hand what it holds to another recommender of its route.
struct RecommenderPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province)).grouped("admin", "recommenders", ":organizationId")
        province.get(use: page)
        province.post(use: edit)
        province.post("users", use: createUser)
        province.post("deactivate", use: deactivate)
        province.post("activate", use: activate)
        province.post("handover", use: handover)
    }

    /// Which form a refusal belongs to: its problems show beside that form's fields only.
    enum Part {
        case edit, user, deactivate, handover
    }

    private func recommender(_ req: Request) async throws -> OrganizationModel {
        try await RecommenderAdmin.find(req.parameters.get("organizationId"), on: req.db)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, try await recommender(req), notice: Self.notice(req))
    }

    func edit(req: Request) async throws -> Response {
        let organization = try await recommender(req)
        let form = try req.content.decode(RecommenderForm.self)
        return try await attempt(req, organization, part: .edit, form: form, done: "edited") {
            try await RecommenderAdmin(request: req).edit(organization, form)
        }
    }

    func createUser(req: Request) async throws -> Response {
        let organization = try await recommender(req)
        let input = try req.content.decode(AccountForm.self)
        var created = ""
        let response = try await attempt(req, organization, part: .user, userForm: input, done: "user") {
            created = try await RecommenderUsers(request: req).create(for: organization, input).username
        }
        guard response.status == .seeOther else { return response }
        let name = created.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return req.redirect(to: "/admin/recommenders/\(try organization.requireID().uuidString)?done=user&name=\(name)")
    }

    func deactivate(req: Request) async throws -> Response {
        let organization = try await recommender(req)
        let reason = try req.content.decode(RecommenderAdminAPIController.ReasonInput.self).reason
        return try await attempt(req, organization, part: .deactivate, reason: reason ?? "", done: "deactivated") {
            try await RecommenderAdmin(request: req).deactivate(organization, reason: reason)
        }
    }

    func activate(req: Request) async throws -> Response {
        let organization = try await recommender(req)
        return try await attempt(req, organization, part: .deactivate, done: "activated") {
            try await RecommenderAdmin(request: req).activate(organization)
        }
    }

    func handover(req: Request) async throws -> Response {
        let organization = try await recommender(req)
        let input = try req.content.decode(RecommenderHandoverService.Input.self)
        var moved = 0
        let response = try await attempt(req, organization, part: .handover, handoverForm: input, done: "handover") {
            moved = try await RecommenderHandoverService(request: req).handover(from: organization, input).moved
        }
        guard response.status == .seeOther else { return response }
        return req.redirect(
            to: "/admin/recommenders/\(try organization.requireID().uuidString)?done=handover&moved=\(moved)")
    }

    /// Runs the change; on success back to the page (so a reload does not post again), on a
    /// refusal the page with the form as typed and every problem beside its field.
    private func attempt(
        _ req: Request, _ organization: OrganizationModel, part: Part, form: RecommenderForm? = nil,
        userForm: AccountForm = .init(), handoverForm: RecommenderHandoverService.Input = .init(), reason: String = "",
        done: String, _ change: () async throws -> Void
    ) async throws -> Response {
        do {
            try await change()
            return req.redirect(to: "/admin/recommenders/\(try organization.requireID().uuidString)?done=\(done)")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            var blank = userForm
            blank.password = nil
            // The organisation as stored, not as the refused edit left it in memory.
            let stored = try await RecommenderAdmin.find(organization.id?.uuidString, on: req.db)
            return try await render(
                req, stored, part: part, form: form, userForm: blank, handoverForm: handoverForm, reason: reason,
                problems: error.pageProblems, status: error.status)
        }
    }

    private func render(
        _ req: Request, _ organization: OrganizationModel, part: Part? = nil, form: RecommenderForm? = nil,
        userForm: AccountForm = .init(), handoverForm: RecommenderHandoverService.Input = .init(), reason: String = "",
        problems: [Problem] = [], notice: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await RecommenderPage.load(
            organization, part: part, form: form, userForm: userForm, handoverForm: handoverForm, reason: reason,
            problems: problems, notice: notice, now: req.now, on: req.db)
        return try await req.renderPage(.adminRecommender, title: organization.name, page, status: status)
    }

    /// The line shown after a change, from the redirect's query.
    static func notice(_ req: Request) -> String? {
        switch req.query[String.self, at: "done"] ?? "" {
        case "created": "已新增该推荐单位。可在下方为其开通用户账号。"
        case "edited": "已保存修改。"
        case "deactivated": "已停用。该单位不再接收新的申报和推荐；其在办的申报书仍在原处，可在下方移交同一推荐渠道的其他推荐单位。"
        case "activated": "已重新启用，该单位可以重新接收申报。"
        case "user":
            "已创建用户 \(String((req.query[String.self, at: "name"] ?? "").prefix(32)))，其首次登录时须修改密码。请将用户名和初始密码告知本人。"
        case "handover": "已移交 \(req.query[Int.self, at: "moved"].map { min(max($0, 0), 100_000) } ?? 0) 份申报书，并通知了接收单位。"
        default: nil
        }
    }
}
