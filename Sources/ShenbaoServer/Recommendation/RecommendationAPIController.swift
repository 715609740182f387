import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Opinions, intake and history: `/api/v1/applications/{id}/opinions|intake|history`.
struct RecommendationAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "applications", ":applicationId")
        api.grouped(RequireRoles(.recommender)).post("opinions", use: opinion)
        api.grouped(RequireSignedIn()).get("opinions", use: opinions)
        api.grouped(RequireRoles(.province)).post("intake", use: intake)
        api.grouped(RequireSignedIn()).get("history", use: history)
    }

    func opinion(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(RecommendationService.Input.self)
        try await RecommendationService(db: req.db, user: user, config: config, now: req.now).decide(application, input)
        return try await ApplicationService(db: req.db, user: user, config: config).dto(application)
    }

    func intake(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(IntakeService.Input.self)
        try await IntakeService(db: req.db, user: user, config: config, now: req.now).decide(application, input)
        return try await ApplicationService(db: req.db, user: user, config: config).dto(application)
    }

    func opinions(req: Request) async throws -> [ChainRecord.OpinionDTO] {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await ChainRecord.opinions(of: application, on: req.db)
    }

    func history(req: Request) async throws -> [ChainRecord.EventDTO] {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await ChainRecord.history(of: application, on: req.db)
    }
}
