import Fluent
import Foundation
import ShenbaoCore

/// A later review deadline the province set for one expert of one call (延期), with its reason.
/// One per expert and call: setting it again replaces it.
final class ReviewExtensionModel: Model, @unchecked Sendable {
    static let schema = "review_extensions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    @Parent(key: "expert_id") var expert: ExpertModel
    /// YYYY-MM-DD, the last day the expert may save or submit.
    @Field(key: "deadline") var deadline: String
    @Field(key: "reason") var reason: String
    @Field(key: "set_by") var setBy: String
    @Field(key: "set_at") var setAt: Date

    init() {}

    var day: Day? { Day(deadline) }

    static func find(call callID: UUID, expert expertID: UUID, on db: any Database) async throws
        -> ReviewExtensionModel?
    {
        try await query(on: db).filter(\.$call.$id == callID).filter(\.$expert.$id == expertID).first()
    }
}

extension ReviewExtensionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $call, $expert, $deadline, $reason, $setBy, $setAt] }
}
