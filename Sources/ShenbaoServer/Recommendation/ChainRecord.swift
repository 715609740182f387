import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// What the recommendation chain has recorded about an application: the opinions signed on the
/// way and the history of every step, as the API answers them and the application's page shows.
enum ChainRecord {
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
        EventAction(rawValue: action)?.label(by: role) ?? action
    }
}
