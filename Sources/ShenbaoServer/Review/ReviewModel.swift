import Fluent
import Foundation

/// One expert's assignment to one application, and the review they write on it (评审意见).
final class ReviewModel: Model, @unchecked Sendable {
    static let schema = "reviews"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// Assigned, not yet opened for writing.
        case assigned
        /// Scores saved as a draft.
        case draft
        /// Submitted once and for all.
        case submitted
        /// The expert declared a conflict (回避) on opening it; never assigned this pair again.
        case declined

        var label: String {
            switch self {
            case .assigned: "待评审"
            case .draft: "草稿"
            case .submitted: "已提交"
            case .declined: "已回避"
            }
        }
    }

    enum Recommendation: String, Codable, Sendable {
        case fund
        case doNotFund

        var label: String { self == .fund ? "建议资助" : "不建议资助" }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    @Parent(key: "application_id") var application: ApplicationModel
    @Parent(key: "expert_id") var expert: ExpertModel
    @Field(key: "status") var status: Status
    /// `auto` or the name of the clerk who assigned by hand.
    @Field(key: "assigned_by") var assignedBy: String
    @OptionalField(key: "scores") var scores: [String: Int]?
    @OptionalField(key: "total") var total: Int?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "recommendation") var recommendation: Recommendation?
    @OptionalField(key: "suggested_amount_yuan") var suggestedAmountYuan: Int?
    @Field(key: "version") var version: Int
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(callID: UUID, applicationID: UUID, expertID: UUID, assignedBy: String) {
        $call.id = callID
        $application.id = applicationID
        $expert.id = expertID
        status = .assigned
        self.assignedBy = assignedBy
        version = 1
    }

    /// An assignment that counts: not declined.
    var isActive: Bool { status != .declined }
}

extension ReviewModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $call, $application, $expert, $status, $assignedBy, $scores, $total, $comment, $recommendation,
            $suggestedAmountYuan, $version, $submittedAt, $createdAt, $updatedAt,
        ]
    }
}
