import Foundation
import ShenbaoCore
import Vapor

/// The one-time links that set a password (`/password/{token}`) and the request for one
/// (`/password/forgot`), as pages and as API.
struct PasswordLinkController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("password", "forgot", use: forgotPage)
        routes.post("password", "forgot", use: submitForgot)
        routes.get("password", ":token", use: linkPage)
        routes.post("password", ":token", use: submitLink)
        routes.post("api", "v1", "auth", "forgot-password", use: apiForgot)
        routes.post("api", "v1", "auth", "password-links", ":token", use: apiUseLink)
    }

    struct Forgot: Content {
        var identifier: String?
    }

    struct Answer: Content {
        var message: String
    }

    func apiForgot(req: Request) async throws -> Response {
        try await PasswordService(request: req).forgot(try req.content.decode(Forgot.self).identifier)
        return try await Answer(message: PasswordService.forgotAnswer).encodeResponse(status: .accepted, for: req)
    }

    func apiUseLink(req: Request) async throws -> HTTPStatus {
        let input = try req.content.decode(PasswordService.NewPassword.self)
        _ = try await PasswordService(request: req).use(link: req.parameters.get("token") ?? "", input)
        return .noContent
    }

    func forgotPage(req: Request) async throws -> Response {
        try await req.renderPage(
            .authForgot, title: "找回密码", ForgotPage(identifier: "", sent: nil, errors: [:]), withForm: true)
    }

    func submitForgot(req: Request) async throws -> Response {
        let form = try req.content.decode(Forgot.self)
        do {
            try await PasswordService(request: req).forgot(form.identifier)
            return try await req.renderPage(
                .authForgot, title: "找回密码",
                ForgotPage(identifier: "", sent: PasswordService.forgotAnswer, errors: [:]), withForm: true)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await req.renderPage(
                .authForgot, title: "找回密码",
                ForgotPage(identifier: form.identifier ?? "", sent: nil, errors: FieldErrors.make(error.problems)),
                status: .unprocessableEntity, withForm: true)
        }
    }

    func linkPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let page = try await PasswordLinkPage.load(token: token, using: PasswordService(request: req))
        return try await req.renderPage(.authPasswordLink, title: "设置新密码", page, withForm: true)
    }

    func submitLink(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let input = try req.content.decode(PasswordService.NewPassword.self)
        let service = PasswordService(request: req)
        do {
            _ = try await service.use(link: token, input)
            // Whoever was signed in on this browser is signed out: the new password is for logging in.
            req.session.destroy()
            return req.redirect(to: "/login?passwordSet=1")
        } catch let error as AppError where !error.problems.isEmpty {
            let page = try await PasswordLinkPage.load(token: token, problems: error.problems, using: service)
            return try await req.renderPage(
                .authPasswordLink, title: "设置新密码", page, status: .unprocessableEntity, withForm: true)
        }
    }
}
