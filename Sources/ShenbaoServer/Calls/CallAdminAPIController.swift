import Fluent
import Foundation
import Vapor

/// The province's API for a call: its phase, its dates and texts, next year's copy.
struct CallAdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let call = routes.grouped("api", "v1", "calls", ":callId").grouped(RequireRoles(.province))
        call.put("phase", use: phase)
        call.put(use: edit)
        call.put("definition", use: replaceDefinition)
        call.post("copy", use: copy)
    }

    func phase(req: Request) async throws -> CallDTO {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let input = try req.content.decode(CallAdminService.PhaseInput.self)
        return try CallDTO(try await CallAdminService(db: req.db, now: req.now).changePhase(call, input))
    }

    func edit(req: Request) async throws -> CallDTO {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let input = try req.content.decode(CallAdminService.EditInput.self)
        return try CallDTO(try await CallAdminService(db: req.db, now: req.now).edit(call, input))
    }

    /// The call editor: every number, list and text at once (CallEditorService).
    func replaceDefinition(req: Request) async throws -> CallDTO {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let input = try req.content.decode(CallEditorService.Input.self)
        return try CallDTO(
            try await CallEditorService(db: req.db).replace(call, with: input, by: try req.requireUser(), request: req))
    }

    func copy(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        // An empty body is next year's call, as before the year and title could be chosen.
        let input =
            (req.body.data?.readableBytes ?? 0) == 0
            ? CallAdminService.CopyInput() : try req.content.decode(CallAdminService.CopyInput.self)
        let copy = try await CallAdminService(db: req.db, now: req.now).copy(call, input)
        return try await CallDTO(copy).encodeResponse(status: .created, for: req)
    }
}
