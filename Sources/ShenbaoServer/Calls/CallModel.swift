import Fluent
import Foundation
import ShenbaoCore

/// A call. Phase and deadline are columns because they are queried and changed on their own;
/// the rest of the guide is one JSON document, so a new year's call needs no migration.
final class CallModel: Model, @unchecked Sendable {
    static let schema = "calls"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "phase") var phase: CallPhase
    @OptionalField(key: "deadline") var deadline: Date?
    @Field(key: "definition") var definition: CallDefinition
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(definition: CallDefinition) {
        year = definition.year
        title = definition.title
        phase = definition.phase
        deadline = definition.deadline
        self.definition = definition
    }

    /// The newest call past its draft: the one the home page, new drafts, the desks and the
    /// layout's contact refer to until another is chosen (CallChoice). Next year's call, copied
    /// in draft, stays out of sight until the province opens it; with only drafts, the newest
    /// draft. Of several calls in one year, the first set up (the programme the others joined).
    static func latest(on db: any Database) async throws -> CallModel? {
        if let live = try await query(on: db).filter(\.$phase != .draft).sort(\.$year, .descending)
            .sort(\.$createdAt).first()
        {
            return live
        }
        return try await query(on: db).sort(\.$year, .descending).sort(\.$createdAt).first()
    }

    /// The call as Core sees it, with the columns authoritative for what they hold.
    /// The programme the guide announces, for titles derived from it (公示, 立项名单, tables).
    var programme: String { ProgrammeName.of(guideTitle: title) }

    var current: CallDefinition {
        var value = definition
        value.year = year
        value.title = title
        value.phase = phase
        value.deadline = deadline
        return value
    }
}

extension CallModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $year, $title, $phase, $deadline, $definition, $createdAt, $updatedAt] }
}
