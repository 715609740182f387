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

    struct Page: Encodable {
        var form: PageForm
        var errors: [String: String]
        var problems: [Problem]
        var warnings: [Problem]
        var natures: [Option]
        var applicantKinds: [Option]
        var divisionGroups: [OrganizationChoices.DivisionGroup]
        var privacy: PrivacyNotice
    }

    func page(_ req: Request, form: PageForm, problems: [Problem] = [], warnings: [Problem] = []) async throws -> Page {
        let choices = try await OrganizationChoices.load(on: req.db)
        var blank = form
        // Passwords that passed come back typed (the page is never cached: no-store), so confirming
        // a warning or fixing another field does not mean choosing them again; a refused one is cleared.
        if problems.contains(where: { ["user.password", "passwordConfirm"].contains($0.field) }) {
            blank.user?.password = nil
            blank.passwordConfirm = nil
        }
        return Page(
            form: blank,
            errors: FieldErrors.make(problems),
            problems: problems,
            warnings: warnings,
            natures: choices.natures,
            applicantKinds: choices.applicantKinds,
            divisionGroups: choices.divisionGroups,
            privacy: .registration(retention: req.application.shenbaoConfig.personalDataRetention))
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
