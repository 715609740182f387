import Fluent
import Foundation

/// One line of a review's history (修改记录): a save that changed the scores, comment,
/// recommendation or suggested amount, a submission, or the province reopening a submitted
/// review — who, when, and the review before and after. Only the province reads it.
final class ReviewChangeModel: Model, @unchecked Sendable {
    static let schema = "review_changes"

    enum Kind: String, Codable, Sendable, CaseIterable {
        /// A draft saved with something changed.
        case saved
        /// Submitted (the version the province received).
        case submitted
        /// Reopened by the province with a reason: `before` is the submitted version.
        case reopened

        var label: String {
            switch self {
            case .saved: "保存草稿"
            case .submitted: "提交"
            case .reopened: "省科协重新开放"
            }
        }
    }

    /// What a review says at one moment; two equal snapshots are an unchanged save.
    struct Snapshot: Codable, Hashable, Sendable {
        var scores: [String: Int]?
        var total: Int?
        var comment: String?
        var recommendation: String?
        var suggestedAmountYuan: Int?

        init(_ review: ReviewModel) {
            scores = (review.scores?.isEmpty ?? true) ? nil : review.scores
            total = review.total
            comment = (review.comment?.isEmpty ?? true) ? nil : review.comment
            recommendation = review.recommendation?.rawValue
            suggestedAmountYuan = review.suggestedAmountYuan
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "review_id") var review: ReviewModel
    @Field(key: "kind") var kind: Kind
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "at") var at: Date
    @OptionalField(key: "before") var before: Snapshot?
    @Field(key: "after") var after: Snapshot
    @OptionalField(key: "reason") var reason: String?

    init() {}

    init(
        reviewID: UUID, kind: Kind, by user: AuthenticatedUser, at: Date, before: Snapshot?, after: Snapshot,
        reason: String? = nil
    ) {
        $review.id = reviewID
        self.kind = kind
        actorID = user.id
        actorName = String(user.contactName.prefix(120))
        actorRole = user.role.rawValue
        // Whole seconds, as the other histories store them.
        self.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
        self.before = before
        self.after = after
        self.reason = reason
    }
}

extension ReviewChangeModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $review, $kind, $actorID, $actorName, $actorRole, $at, $before, $after, $reason]
    }
}
