import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Registration of applicant organisations: `POST /api/v1/registrations` and the `/register` page.
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("api", "v1", "registrations", use: apiRegister)
        routes.get("register", use: form)
        routes.post("register", use: submit)
    }

    func apiRegister(req: Request) async throws -> Response {
        let input = try req.content.decode(RegistrationService.Input.self)
        let result = try await RegistrationService(request: req).register(input)
        return try await result.encodeResponse(status: .created, for: req)
    }

    /// The page posts `organization[name]`, `user[username]`… so it decodes into the API's input.
    struct PageForm: Content {
        var organization: OrganizationForm?
        var user: AccountForm?
        var passwordConfirm: String?
        var outsideDivisionCode: String?
        var acknowledgeWarnings: String?

        var input: RegistrationService.Input {
            var organization = self.organization ?? OrganizationForm()
            if let outside = outsideDivisionCode?.trimmingCharacters(in: .whitespaces), !outside.isEmpty {
                organization.divisionCode = outside
            }
            return .init(organization: organization, user: user)
        }
    }

    func page(_ req: Request, form: PageForm, problems: [Problem] = [], warnings: [Problem] = []) async throws
        -> RegistrationPage
    {
        try await RegistrationPage.load(
            form: form, problems: problems, warnings: warnings,
            retention: req.application.shenbaoConfig.personalDataRetention, on: req.db)
    }

    func form(req: Request) async throws -> Response {
        try await req.renderPage(.organizationsRegister, title: "申报单位注册", page(req, form: PageForm()), withForm: true)
    }

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(PageForm.self)
        let service = RegistrationService(request: req)
        var problems = try await service.problems(in: form.input)
        if (form.user?.password ?? "") != (form.passwordConfirm ?? "") {
            problems.append(Problem(field: "passwordConfirm", code: .mismatch, message: "再次输入密码与密码不一致，请重新输入"))
        }
        let (organization, _) = RegistrationService.normalized(form.input)
        let warnings = RegistrationRules.warnings(for: organization, divisions: .hunan)
        if !problems.isEmpty || (!warnings.isEmpty && form.acknowledgeWarnings == nil) {
            let status: HTTPResponseStatus = problems.isEmpty ? .ok : .unprocessableEntity
            return try await req.renderPage(
                .organizationsRegister, title: "申报单位注册",
                page(req, form: form, problems: problems, warnings: warnings), status: status, withForm: true)
        }
        do {
            let result = try await service.register(form.input)
            try await req.startSession(for: result.userId)
            return req.redirect(to: "/workspace?registered=1")
        } catch let error as AppError where !error.problems.isEmpty {
            // Lost a race with an identical registration (a double click): show it like any mistake.
            return try await req.renderPage(
                .organizationsRegister, title: "申报单位注册",
                page(req, form: form, problems: error.problems, warnings: warnings),
                status: .unprocessableEntity, withForm: true)
        }
    }
}
