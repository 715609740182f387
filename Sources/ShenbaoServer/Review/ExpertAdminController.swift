import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// One expert of the pool: `GET/PATCH /api/v1/experts/{id}`, `POST …/deactivate|activate`, and
/// the `/experts/{id}` page doing the same.
struct ExpertAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("api", "v1", "experts", ":expertId", use: apiShow)
        province.patch("api", "v1", "experts", ":expertId", use: apiEdit)
        province.post("api", "v1", "experts", ":expertId", "deactivate", use: apiDeactivate)
        province.post("api", "v1", "experts", ":expertId", "activate", use: apiActivate)
        province.get("experts", ":expertId", use: page)
        province.post("experts", ":expertId", use: submit)
        province.post("experts", ":expertId", "deactivate", use: submitDeactivate)
        province.post("experts", ":expertId", "activate", use: submitActivate)
    }

    private func service(_ req: Request) -> ExpertAdminService { ExpertAdminService(request: req) }

    private func call(_ req: Request) async throws -> CallDefinition {
        try await CallModel.latest(on: req.db)?.current ?? CallDefinition.guide2025()
    }

    private func view(_ expert: ExpertModel, _ req: Request) async throws -> ExpertService.View {
        guard let view = try await ExpertService.views([expert], call: try await call(req), on: req.db).first else {
            throw AppError.notFound("该专家")
        }
        return view
    }

    // MARK: - API

    func apiShow(req: Request) async throws -> ExpertService.View {
        try await view(try await service(req).find(req.parameters.get("expertId")), req)
    }

    func apiEdit(req: Request) async throws -> ExpertService.View {
        let expert = try await service(req).find(req.parameters.get("expertId"))
        let input = try req.content.decode(ExpertAdminService.EditInput.self)
        try await service(req).edit(expert, input, call: try await call(req), by: try req.requireUser())
        return try await view(expert, req)
    }

    func apiDeactivate(req: Request) async throws -> ExpertAdminService.StatusResult {
        let expert = try await service(req).find(req.parameters.get("expertId"))
        return try await service(req).deactivate(expert, by: try req.requireUser())
    }

    func apiActivate(req: Request) async throws -> ExpertAdminService.StatusResult {
        let expert = try await service(req).find(req.parameters.get("expertId"))
        return try await service(req).activate(expert, by: try req.requireUser())
    }

    // MARK: - Page

    func page(req: Request) async throws -> Response {
        let expert = try await service(req).find(req.parameters.get("expertId"))
        let view = try await view(expert, req)
        let pending = try await ReviewModel.query(on: req.db).filter(\.$expert.$id == view.id)
            .filter(\.$status ~~ [.assigned, .draft]).count()
        let message: String? =
            switch req.query[String.self, at: "done"] {
            case "saved": "已保存。"
            case "deactivated":
                "已停用，今后不会再被分配；已提交的评审意见保留。"
                    + (pending > 0 ? "其尚有\(pending)项未提交的评审任务，请在“专家评审”中改派或撤销。" : "")
            case "activated": "已启用，可再次分配评审任务。"
            default: nil
            }
        let form = ExpertAdminService.EditInput(
            name: view.name, organizationName: view.organizationName, title: view.title, fields: view.fields,
            phone: view.phone, email: view.email,
            conflictOrganizationIds: view.conflictOrganizationIds.map(\.uuidString),
            maxReviews: .init(view.maxReviews))
        return try await render(req, view: view, form: form, problems: [], message: message)
    }

    func submit(req: Request) async throws -> Response {
        let expert = try await service(req).find(req.parameters.get("expertId"))
        var form = try req.content.decode(ExpertAdminService.EditInput.self)
        // The page sends the whole form: an unticked list is an empty one, not "unchanged".
        form.fields = form.fields ?? []
        form.conflictOrganizationIds = (form.conflictOrganizationIds ?? []).filter { !$0.isEmpty }
        form.organizationId = nil
        do {
            try await service(req).edit(expert, form, call: try await call(req), by: try req.requireUser())
            return req.redirect(to: "/experts/\(try expert.requireID())?done=saved")
        } catch let error as AppError where error.status != .notFound {
            return try await render(
                req, view: try await view(expert, req), form: form, problems: error.pageProblems,
                status: error.status)
        }
    }

    func submitDeactivate(req: Request) async throws -> Response {
        try await changeStatus(req, done: "deactivated") { service, expert, user in
            _ = try await service.deactivate(expert, by: user)
        }
    }

    func submitActivate(req: Request) async throws -> Response {
        try await changeStatus(req, done: "activated") { service, expert, user in
            _ = try await service.activate(expert, by: user)
        }
    }

    private func changeStatus(
        _ req: Request, done: String,
        _ change: (ExpertAdminService, ExpertModel, AuthenticatedUser) async throws -> Void
    ) async throws -> Response {
        let expert = try await service(req).find(req.parameters.get("expertId"))
        do {
            try await change(service(req), expert, try req.requireUser())
            return req.redirect(to: "/experts/\(try expert.requireID())?done=\(done)")
        } catch let error as AppError where error.status == .conflict {
            let view = try await view(expert, req)
            let form = ExpertAdminService.EditInput(
                name: view.name, organizationName: view.organizationName, title: view.title, fields: view.fields,
                phone: view.phone, email: view.email,
                conflictOrganizationIds: view.conflictOrganizationIds.map(\.uuidString),
                maxReviews: .init(view.maxReviews))
            return try await render(req, view: view, form: form, problems: error.pageProblems, status: .conflict)
        }
    }

    private func render(
        _ req: Request, view: ExpertService.View, form: ExpertAdminService.EditInput, problems: [Problem],
        message: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await ExpertPage.load(
            view, form: form, call: try await call(req), problems: problems, message: message,
            retention: req.application.shenbaoConfig.personalDataRetention, on: req.db)
        return try await req.renderPage(.reviewExpert, title: "专家：\(view.name)", page, status: status, withForm: true)
    }
}
