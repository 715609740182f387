import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/applications`: create, read, update drafts, attachments, submit, withdraw.
struct ApplicationsAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "applications")
        let signedIn = api.grouped(RequireSignedIn())
        let applicant = api.grouped(RequireRoles(.applicant))
        applicant.post(use: create)
        signedIn.get(use: list)
        signedIn.get(":applicationId", use: show)
        applicant.patch(":applicationId", use: update)
        applicant.on(
            .POST, ":applicationId", "attachments",
            body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: upload)
        signedIn.get(":applicationId", "attachments", use: attachments)
        signedIn.get(":applicationId", "attachments", ":attachmentId", use: download)
        applicant.delete(":applicationId", "attachments", ":attachmentId", use: deleteAttachment)
        applicant.get(":applicationId", "recommenders", use: routesFor)
        applicant.post(":applicationId", "submit", use: submit)
        applicant.post(":applicationId", "withdraw", use: withdraw)
    }

    struct CreateInput: Content {
        var callId: String?
        var category: String?
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateInput.self)
        let user = try req.requireUser()
        let service = ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig)
        let application = try await service.create(callID: input.callId, category: input.category)
        return try await service.dto(application).encodeResponse(status: .created, for: req)
    }

    /// A page of what the user may see (`page`, `per` ≤ 200); the total is in `X-Total-Count`.
    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let result = try await req.query.decode(ApplicationQuery.self).run(for: user, on: req.db)
        let response = try await result.items.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(result.total))
        return response
    }

    func show(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig).dto(
            application)
    }

    /// Saves the fields sent (through the instance's kept drafts, DraftCache).
    func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let body = req.body.data else { throw AppError.badRequest("请求内容为空", code: .malformedBody) }
        let service = ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig)
        let expected = req.headers.first(name: .ifMatch).flatMap {
            Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")))
        }
        let raw = req.parameters.get("applicationId")
        let (saved, formJSON) = try await req.application.drafts.save(
            raw.flatMap(UUID.init(uuidString:)), of: user, expectedVersion: expected,
            update: { try await service.update($0, with: Data(buffer: body), expectedVersion: expected) },
            read: { try await ApplicationAccess.findOwned(raw, for: user, on: req.db) })
        return try await service.dto(saved).response(formJSON: formJSON)
    }

    func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try MultipartForm.of(req)
        let file = form.upload("file")
        let attachment = try await AttachmentService(db: req.db, user: user, config: config).upload(
            to: application, kind: form.text("kind"), condition: form.text("condition"), name: file.name,
            data: file.data)
        return try await ApplicationDTO.Attachment(attachment).encodeResponse(status: .created, for: req)
    }

    func attachments(req: Request) async throws -> [ApplicationDTO.Attachment] {
        try await show(req: req).attachments
    }

    func download(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let service = AttachmentService(db: req.db, user: user, config: config)
        let attachment = try await service.find(req.parameters.get("attachmentId"), in: application)
        let data = try await service.content(of: attachment)
        return .download(data, type: attachment.contentType, name: attachment.name)
    }

    func deleteAttachment(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        try await AttachmentService(db: req.db, user: user, config: config)
            .delete(req.parameters.get("attachmentId"), from: application)
        return .noContent
    }

    func routesFor(req: Request) async throws -> [RecommenderChoice] {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        return try await RecommenderChoice.allowed(for: application.$organization.id, on: req.db, now: req.now)
    }

    struct SubmitInput: Content {
        var recommenderId: String?
    }

    func submit(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let input = try req.content.decode(SubmitInput.self)
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let service = ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig)
        let recommender = try await service.submit(application, recommenderID: input.recommenderId, now: req.now)
        return try await service.dto(application, holder: recommender)
    }

    struct WithdrawInput: Content {
        var comment: String?
    }

    func withdraw(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let input = try? req.content.decode(WithdrawInput.self)
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let service = ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig)
        try await service.withdraw(application, comment: input?.comment)
        return try await service.dto(application)
    }
}
