import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// 推荐名额: `/api/v1/calls/{callId}/recommender-quotas` (the province reads and sets them) and
/// `…/recommender-quotas/mine` (a recommender's limit, used and remaining per category).
struct RecommenderQuotaAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let quotas = routes.grouped("api", "v1", "calls", ":callId", "recommender-quotas")
        quotas.grouped(RequireRoles(.province)).get(use: show)
        quotas.grouped(RequireRoles(.province)).put(use: set)
        quotas.grouped(RequireRoles(.recommender)).get("mine", use: mine)
    }

    func show(req: Request) async throws -> RecommenderQuotaService.QuotasDTO {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        return try await RecommenderQuotaService(db: req.db).dto(call)
    }

    func set(req: Request) async throws -> RecommenderQuotaService.QuotasDTO {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let input = try req.content.decode(RecommenderQuotaService.Input.self)
        let service = RecommenderQuotaService(db: req.db)
        return try await service.dto(try await service.set(call, input))
    }

    func mine(req: Request) async throws -> [RecommenderQuotaService.Usage] {
        let user = try req.requireUser()
        let call = try await CallQuery.visible(req)
        guard let id = user.organizationID, let organization = try await OrganizationModel.find(id, on: req.db) else {
            throw AppError.notFound("本单位")
        }
        return try await RecommenderQuotaService(db: req.db).usage(of: organization, in: call)
    }
}
