import Fluent
import Foundation

/// A call's review plan (评审方案) and the milestones of its review: set by the province,
/// approved by finance, frozen when the review starts, and the meeting's minutes confirmed.
final class ReviewPlanModel: Model, @unchecked Sendable {
    static let schema = "review_plans"

    enum State: String, Codable, Sendable {
        /// Set or changed by the province, waiting for finance (待财务审核).
        case pendingApproval
        case approved
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    @Field(key: "plan") var plan: ReviewPlanDocument
    @Field(key: "state") var state: State
    @Field(key: "version") var version: Int
    @Field(key: "set_by") var setBy: String
    @Field(key: "set_at") var setAt: Date
    @OptionalField(key: "approved_by") var approvedBy: String?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    /// Set when the review starts; the plan can no longer change.
    @OptionalField(key: "frozen_at") var frozenAt: Date?
    @OptionalField(key: "minutes_confirmed_by") var minutesConfirmedBy: String?
    @OptionalField(key: "minutes_confirmed_at") var minutesConfirmedAt: Date?

    init() {}

    static func find(call callID: UUID, on db: any Database) async throws -> ReviewPlanModel? {
        try await query(on: db).filter(\.$call.$id == callID).first()
    }
}

extension ReviewPlanModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $call, $plan, $state, $version, $setBy, $setAt, $approvedBy, $approvedAt, $frozenAt,
            $minutesConfirmedBy, $minutesConfirmedAt,
        ]
    }
}
