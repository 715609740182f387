import Fluent
import Foundation
import ShenbaoCore

/// `/reviews/{id}`: one assignment of an expert — the application, the score form (as saved, or as
/// typed with its problems), and whether it can still be changed.
struct ExpertReviewPage: Encodable {
    struct CriterionLine: Encodable {
        var code: String
        var name: String
        var maxPoints: Int
        var points: String
        var error: String?
    }

    var review: ReviewService.View
    var criteria: [CriterionLine]
    var editable: Bool
    var deadline: String?
    /// The later deadline the province set for this expert, and its reason.
    var extendedDeadline: String?
    var extensionReason: String?
    var overdue: Bool
    var comment: String
    var recommendation: String
    /// 建议资助金额 in 万元, as typed or as saved.
    var suggestedAmountWan: String
    var requestedWan: String
    var problems: [Problem]
    var errors: [String: String]
    var flash: String?

    /// The review `reviewID` of the expert `user` (404 for another's), judged at `now`; `form`
    /// echoes what was typed.
    static func load(
        _ reviewID: String?, for user: AuthenticatedUser, form: ExpertReviewPagesController.ScoreForm? = nil,
        problems: [Problem] = [], flash: String? = nil, config: Config, now: Date, on db: any Database
    ) async throws -> ExpertReviewPage {
        let service = ReviewService(db: db, user: user, config: config)
        let review = try await service.find(reviewID)
        let view = try await service.view(review)
        let errors = FieldErrors.make(problems)
        let deadline = ReviewDeadline(
            plan: view.reviewDeadline.flatMap(Day.init), extended: view.extendedDeadline.flatMap(Day.init))
        return ExpertReviewPage(
            review: view,
            criteria: view.criteria.map { criterion in
                CriterionLine(
                    code: criterion.code, name: criterion.name, maxPoints: criterion.maxPoints,
                    points: form?.scores?[criterion.code] ?? view.scores[criterion.code].map(String.init) ?? "",
                    error: errors["scores_\(criterion.code)"])
            },
            editable: (review.status == .assigned || review.status == .draft) && review.application.status == .inReview,
            deadline: deadline.plan?.chinese,
            extendedDeadline: deadline.effective == deadline.plan ? nil : deadline.effective?.chinese,
            extensionReason: deadline.effective == deadline.plan ? nil : view.extensionReason,
            overdue: !deadline.allows(today: ChineseFormat.today(now)),
            comment: form?.comment ?? view.comment ?? "",
            recommendation: form?.recommendation ?? view.recommendation ?? "",
            suggestedAmountWan: form?.suggestedAmountWan ?? view.suggestedAmountYuan.map(ChineseFormat.wan) ?? "",
            requestedWan: view.requestedYuan.map(ChineseFormat.wan) ?? "—",
            problems: problems, errors: errors, flash: flash)
    }
}
