import Crypto
import Fluent
import Foundation
import ShenbaoCore

/// One line of an application's history. Each event carries the hash of the one before it, so a
/// row changed or removed afterwards breaks the chain and shows.
final class ApplicationEventModel: Model, @unchecked Sendable {
    static let schema = "application_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "role") var role: String
    /// An EventAction's raw value (`eventAction`), kept as written: the hash covers it.
    @Field(key: "action") var action: String
    @OptionalField(key: "from_status") var fromStatus: String?
    @OptionalField(key: "to_status") var toStatus: String?
    @OptionalField(key: "comment") var comment: String?
    /// The actor's organisation, as named at the time.
    @OptionalField(key: "organization_name") var organizationName: String?
    @OptionalField(key: "previous_hash") var previousHash: String?
    @Field(key: "hash") var hash: String

    init() {}

    /// The action, typed; `nil` only for a row written by a version that knew other actions.
    var eventAction: EventAction? { EventAction(rawValue: action) }

    /// Appends an event to the application's history, inside the caller's transaction, stamped
    /// `at` — the application's clock (`config.now`, `req.now`), like every time the rules judge.
    /// The unique (application, sequence) pair makes two writers racing for one slot fail, not fork.
    @discardableResult
    static func append(
        to applicationID: UUID, actor: AuthenticatedUser, action: EventAction, from: ApplicationStatus?,
        to: ApplicationStatus?, comment: String? = nil, organizationName: String? = nil, at now: Date,
        on db: any Database
    ) async throws -> ApplicationEventModel {
        var organizationName = organizationName
        if organizationName == nil, let id = actor.organizationID {
            organizationName = try await OrganizationModel.find(id, on: db)?.name
        }
        return try await append(
            to: applicationID, actorID: actor.id, actorName: actor.contactName, role: actor.role.rawValue,
            action: action,
            from: from, to: to, comment: comment, organizationName: organizationName, at: now, on: db)
    }

    /// The role written for a member of the public (an objector, who has no account).
    static let publicRole = "public"

    /// The same for an actor without an account: the public, whose name the timeline never shows.
    @discardableResult
    static func append(
        to applicationID: UUID, actorID: UUID?, actorName: String, role: String, action: EventAction,
        from: ApplicationStatus?, to: ApplicationStatus?, comment: String?, organizationName: String?,
        at now: Date, on db: any Database
    ) async throws -> ApplicationEventModel {
        // One writer of an application's chain at a time: most steps claim the application's
        // version first, but objections from the public do not, and two at once on PostgreSQL
        // read the same last event and collided (409). A no-op on SQLite's one writer.
        try await TransactionLock.hold("events:\(applicationID)", on: db)
        // Only what the chain needs of the last event: every step of every application writes
        // one, and Fluent spells out each column it selects.
        let last = try await ApplicationEventModel.query(on: db).filter(\.$application.$id == applicationID)
            .sort(\.$sequence, .descending).field(\.$sequence).field(\.$hash).first()
        let event = ApplicationEventModel()
        event.$application.id = applicationID
        event.sequence = (last?.sequence ?? 0) + 1
        // Whole seconds: both databases store them exactly, so the hash can be recomputed.
        event.at = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        event.actorID = actorID
        event.actorName = actorName
        event.role = role
        event.action = action.rawValue
        event.fromStatus = from?.rawValue
        event.toStatus = to?.rawValue
        event.comment = comment
        event.organizationName = organizationName
        event.previousHash = last?.hash
        event.hash = event.computedHash
        try await event.create(on: db)
        return event
    }

    var computedHash: String {
        let fields: [String] =
            [
                $application.id.uuidString, String(sequence), String(Int(at.timeIntervalSince1970)),
                actorID?.uuidString ?? "", actorName, role, action, fromStatus ?? "", toStatus ?? "", comment ?? "",
                previousHash ?? "",
            ] + (organizationName.map { [$0] } ?? [])
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return Hex.string(digest)
    }
}

extension ApplicationEventModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $application, $sequence, $at, $actorID, $actorName, $role, $action, $fromStatus, $toStatus, $comment,
            $organizationName, $previousHash, $hash,
        ]
    }
}
