import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The call editor's page (`/admin/calls/{id}/definition`), for the province: the same
/// service as `PUT /api/v1/calls/{id}/definition`, with every problem beside its input.
struct CallEditorPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped("admin", "calls", ":callId", "definition").grouped(RequireRoles(.province))
        province.get(use: page)
        province.post(use: save)
    }

    func page(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let flash = req.query[String.self, at: "done"] == "saved" ? "已保存。申报书、评审和会议即按新的设置执行。" : nil
        let page = try await CallEditorPage.load(call: call, flash: flash, on: req.db)
        return try await req.renderPage(CallEditorPage.template, title: "申报指南设置", page)
    }

    func save(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        var form = CallEditorForm(values: try req.content.decode([String: String].self))
        // The questions some application answered: their removed options stay, retired.
        let answered =
            (call.current.questions ?? []).isEmpty
            ? [] : try await CallEditorService.usage(of: try call.requireID(), on: req.db).answeredQuestions
        let (input, unreadable) = form.input(current: call.current, answered: answered)
        do {
            guard unreadable.isEmpty else {
                // What Core would add to the numbers that could not be read, said at once too.
                let rest = CallDefinitionCheck.problems(input.applied(to: call.current)).filter { problem in
                    !unreadable.contains { $0.field == problem.field }
                }
                throw AppError.validation(unreadable + rest)
            }
            _ = try await CallEditorService(db: req.db).replace(
                call, with: input, by: try req.requireUser(), request: req)
        } catch let error as AppError {
            let page = try await CallEditorPage.load(call: call, form: form, problems: error.pageProblems, on: req.db)
            return try await req.renderPage(CallEditorPage.template, title: "申报指南设置", page, status: error.status)
        }
        return req.redirect(to: "/admin/calls/\(try call.requireID().uuidString)/definition?done=saved")
    }
}
