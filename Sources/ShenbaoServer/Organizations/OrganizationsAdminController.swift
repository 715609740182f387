import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's register of applicant organisations: `GET/POST /api/v1/organizations`,
/// `GET/PATCH /api/v1/organizations/{id}`, and the `/admin/organizations` pages doing the same.
struct OrganizationsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("api", "v1", "organizations", use: apiSearch)
        province.post("api", "v1", "organizations", use: apiRegister)
        province.get("api", "v1", "organizations", ":organizationId", use: apiShow)
        province.patch("api", "v1", "organizations", ":organizationId", use: apiEdit)
        province.get("admin", "organizations", use: listPage)
        province.get("admin", "organizations", "new", use: newPage)
        province.post("admin", "organizations", use: submitNew)
        province.get("admin", "organizations", ":organizationId", use: showPage)
        province.post("admin", "organizations", ":organizationId", use: submitEdit)
    }

    private func service(_ req: Request) -> OrganizationAdminService { OrganizationAdminService(request: req) }

    // MARK: - API

    func apiSearch(req: Request) async throws -> [OrganizationSummary] {
        try await service(req).search(req.query[String.self, at: "q"])
    }

    func apiRegister(req: Request) async throws -> Response {
        let input = try req.content.decode(OrganizationAdminService.Input.self)
        let model = try await service(req).register(input, by: try req.requireUser())
        return try await OrganizationView.of(model, on: req.db).encodeResponse(status: .created, for: req)
    }

    func apiShow(req: Request) async throws -> OrganizationView {
        try await OrganizationView.of(try await service(req).find(req.parameters.get("organizationId")), on: req.db)
    }

    func apiEdit(req: Request) async throws -> OrganizationView {
        let organization = try await service(req).find(req.parameters.get("organizationId"))
        let input = try req.content.decode(OrganizationAdminService.Input.self)
        try await service(req).edit(organization, input, by: try req.requireUser())
        return try await OrganizationView.of(organization, on: req.db)
    }

    // MARK: - Pages

    func listPage(req: Request) async throws -> Response {
        let page = try await OrganizationListPage.load(
            query: req.query[String.self, at: "q"] ?? "", using: service(req))
        return try await req.renderPage(
            .organizationsAdminList, title: "申报单位管理", page,
            status: page.problems.isEmpty ? .ok : .unprocessableEntity)
    }

    /// What the hand registration and edit forms post: `organization[name]`… as the API's input.
    struct PageForm: Content {
        var organization: OrganizationForm?
        var usccExceptionReason: String?
        var outsideDivisionCode: String?

        var input: OrganizationAdminService.Input {
            var organization = self.organization ?? OrganizationForm()
            if let outside = outsideDivisionCode?.trimmingCharacters(in: .whitespaces), !outside.isEmpty {
                organization.divisionCode = outside
            }
            return .init(organization: organization, usccExceptionReason: usccExceptionReason)
        }
    }

    private func render(
        _ req: Request, form: PageForm, current: OrganizationView?, problems: [Problem] = [],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await OrganizationFormPage.load(
            form: form, current: current, problems: problems, saved: req.query[String.self, at: "saved"], on: req.db)
        let (template, title) =
            current == nil
            ? (Template.organizationsAdminNew, "人工登记申报单位") : (.organizationsAdminShow, current?.name ?? "申报单位")
        return try await req.renderPage(template, title: title, page, status: status, withForm: true)
    }

    func newPage(req: Request) async throws -> Response {
        try await render(req, form: PageForm(), current: nil)
    }

    func submitNew(req: Request) async throws -> Response {
        let form = try req.content.decode(PageForm.self)
        do {
            let model = try await service(req).register(form.input, by: try req.requireUser())
            return req.redirect(to: "/admin/organizations/\(try model.requireID())?saved=created")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(
                req, form: form, current: nil, problems: error.problems, status: .unprocessableEntity)
        }
    }

    func showPage(req: Request) async throws -> Response {
        let organization = try await service(req).find(req.parameters.get("organizationId"))
        let view = try await OrganizationView.of(organization, on: req.db)
        return try await render(req, form: Self.form(of: view), current: view)
    }

    func submitEdit(req: Request) async throws -> Response {
        let organization = try await service(req).find(req.parameters.get("organizationId"))
        let form = try req.content.decode(PageForm.self)
        do {
            try await service(req).edit(organization, form.input, by: try req.requireUser())
            return req.redirect(to: "/admin/organizations/\(try organization.requireID())?saved=edited")
        } catch let error as AppError where !error.problems.isEmpty {
            let view = try await OrganizationView.of(organization, on: req.db)
            return try await render(
                req, form: form, current: view, problems: error.problems, status: .unprocessableEntity)
        }
    }

    /// The edit form filled with what is stored; a division outside Hunan goes to its own box.
    static func form(of view: OrganizationView) -> PageForm {
        let code = view.organization.divisionCode
        let inHunan = code.map { $0 == "430000" || DivisionCatalog.hunan.division(code: $0) != nil } ?? true
        return PageForm(
            organization: view.organization, usccExceptionReason: view.usccException?.reason,
            outsideDivisionCode: inHunan ? nil : code)
    }
}
