import Fluent
import Foundation

/// The meeting's decision on one application (会议审议结果): funded or not, and the amount.
final class MeetingDecisionModel: Model, @unchecked Sendable {
    static let schema = "meeting_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "funded") var funded: Bool
    @OptionalField(key: "amount_yuan") var amountYuan: Int?
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension MeetingDecisionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $call, $application, $funded, $amountYuan, $recordedBy, $updatedAt] }
}
