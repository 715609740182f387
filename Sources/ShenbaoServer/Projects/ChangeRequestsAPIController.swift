import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/applications/{applicationId}/changes`: 项目变更 of a funded project. The unit asks,
/// the province decides; the unit, the recommenders of its chain, the province and finance read
/// them (ApplicationAccess: anyone else is told the application does not exist).
struct ChangeRequestsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let path: [PathComponent] = ["api", "v1", "applications", ":applicationId", "changes"]
        routes.grouped(RequireRoles(.applicant, .recommender, .province, .finance)).get(path, use: list)
        routes.grouped(RequireRoles(.applicant)).post(path, use: create)
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
        return try await ChangeRequestService.dto(model).encodeResponse(status: .created, for: req)
    }

    func decide(req: Request) async throws -> ChangeRequestService.DTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(DecisionInput.self)
        let model = try await ChangeRequestService(req: req, user: user).decide(
            application, changeID: req.parameters.get("changeId"), approve: input.approve, comment: input.comment)
        return try ChangeRequestService.dto(model)
    }
}
