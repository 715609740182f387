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

    struct OpinionDTO: Content {
        var id: UUID
        var organizationId: UUID
        var organizationName: String
        var signer: String
        var stage: String
        var decision: String
        var decisionLabel: String
        var comment: String
        var attested: Bool
        var paperCopiesReceivedOn: String?
        var paperCopiesReceived: Int?
        var certificatesReceived: Int?
        var at: Date?
    }

    func opinions(req: Request) async throws -> [OpinionDTO] {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await Self.opinions(of: application, on: req.db)
    }

    static func opinions(of application: ApplicationModel, on db: any Database) async throws -> [OpinionDTO] {
        try await OpinionModel.query(on: db).filter(\.$application.$id == application.requireID())
            .with(\.$organization).sort(\.$createdAt).all()
            .map {
                OpinionDTO(
                    id: try $0.requireID(), organizationId: $0.$organization.id, organizationName: $0.organization.name,
                    signer: $0.signer, stage: $0.stage.rawValue, decision: $0.decision.rawValue,
                    decisionLabel: $0.decision.label($0.stage), comment: $0.comment, attested: $0.attested,
                    paperCopiesReceivedOn: $0.paperCopiesReceivedOn, paperCopiesReceived: $0.paperCopiesReceived,
                    certificatesReceived: $0.certificatesReceived, at: $0.createdAt)
            }
    }

    struct EventDTO: Content {
        var at: Date
        var actor: String
        var role: String
        var roleLabel: String
        var organization: String?
        var action: String
        var actionLabel: String
        var fromStatus: String?
        var toStatus: String?
        var toStatusLabel: String?
        var comment: String?
    }

    func history(req: Request) async throws -> [EventDTO] {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await Self.history(of: application, on: req.db)
    }

    static func history(of application: ApplicationModel, on db: any Database) async throws -> [EventDTO] {
        try await ApplicationEventModel.query(on: db).filter(\.$application.$id == application.requireID())
            .sort(\.$sequence).all()
            .map { event in
                let role = Role(rawValue: event.role)
                return EventDTO(
                    at: event.at, actor: event.actorName, role: event.role,
                    roleLabel: role?.label ?? (event.role == ApplicationEventModel.publicRole ? "公众" : event.role),
                    organization: event.organizationName, action: event.action,
                    actionLabel: actionLabel(event.action, role: role), fromStatus: event.fromStatus,
                    toStatus: event.toStatus,
                    toStatusLabel: event.toStatus.flatMap(ApplicationStatus.init(rawValue:))?.label,
                    comment: event.comment)
            }
    }

    static func actionLabel(_ action: String, role: Role?) -> String {
        switch action {
        case "create": return "新建申报书"
        case "attach": return "上传附件"
        case "detach": return "删除附件"
        case "objection": return "提出公示异议"
        case "resolveObjection": return "处理公示异议"
        case RecommenderHandoverService.action: return "移交其他推荐单位"
        default:
            guard let known = WorkflowAction(rawValue: action) else { return action }
            return role.map { known.label(by: $0) } ?? known.label
        }
    }
}
