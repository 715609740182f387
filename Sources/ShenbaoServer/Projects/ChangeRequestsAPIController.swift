import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/applications/{applicationId}/changes`: 项目变更 of a funded project. The unit asks,
/// the province decides; the unit, the recommenders of its chain, the province and finance read
/// them (ApplicationAccess: anyone else is told the application does not exist).
struct ChangeRequestsAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let path: [PathComponent] = ["api", "v1", "applications", ":applicationId", "changes"]
        let readers = routes.grouped(RequireRoles(.applicant, .recommender, .province, .finance))
        readers.get(path, use: list)
        readers.get(path + [":changeId", "evidence"], use: evidence)
        routes.grouped(RequireRoles(.applicant)).post(path, use: create)
        routes.grouped(RequireRoles(.applicant)).on(
            .POST, path + [":changeId", "evidence"],
            body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: attachEvidence)
        routes.grouped(RequireRoles(.province)).post(path + [":changeId", "decision"], use: decide)
    }

    struct Input: Content {
        var kind: String?
        var newEnd: String?
        var mainContent: String?
        var partners: [String]?
        var budgetsYuan: [Int]?
        var leader: String?
        var reason: String?
    }

    struct DecisionInput: Content {
        var approve: Bool?
        var comment: String?
    }

    func list(req: Request) async throws -> ChangeRequestService.ListDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await ChangeRequestService.list(try application.requireID(), on: req.db)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(Input.self)
        // Bounded before anything reads them: more names or amounts than any kind allows.
        guard (input.partners?.count ?? 0) <= 100, (input.budgetsYuan?.count ?? 0) <= 100 else {
            throw AppError.validation([
                Problem(field: "partners", code: .tooMany, message: "合作单位或阶段经费预算过多")
            ])
        }
        let model = try await ChangeRequestService(req: req, user: user).request(
            application,
            ChangeRequest.Input(
                kind: input.kind, newEnd: input.newEnd, mainContent: input.mainContent, partners: input.partners,
                budgetsYuan: input.budgetsYuan, leader: input.leader, reason: input.reason))
        return try await ChangeRequestService.dto(model, on: req.db).encodeResponse(status: .created, for: req)
    }

    /// 证明材料 of a waiting request (multipart `file`: PDF, JPG or PNG).
    func attachEvidence(req: Request) async throws -> ChangeRequestService.DTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let file = try MultipartForm.of(req).upload("file")
        let model = try await ChangeRequestService(req: req, user: user).attachEvidence(
            application, changeID: req.parameters.get("changeId"),
            file: .init(name: file.name, data: file.data))
        return try await ChangeRequestService.dto(model, on: req.db)
    }

    func evidence(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let attachment = try await ChangeRequestService(req: req, user: user).evidenceFile(
            application, changeID: req.parameters.get("changeId"))
        let data = try await AttachmentService(db: req.db, user: user, config: config).content(of: attachment)
        return .download(data, type: attachment.contentType, name: attachment.name)
    }

    func decide(req: Request) async throws -> ChangeRequestService.DTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(DecisionInput.self)
        let model = try await ChangeRequestService(req: req, user: user).decide(
            application, changeID: req.parameters.get("changeId"), approve: input.approve, comment: input.comment)
        return try await ChangeRequestService.dto(model, on: req.db)
    }
}
