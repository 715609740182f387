import Fluent
import Foundation
import ShenbaoCore

/// `/reviews`: an expert's assignments, the review's deadline (and whether it has passed), and how
/// many are done.
struct ExpertReviewsPage: Encodable {
    var reviews: [ReviewService.View]
    var deadline: String?
    var overdue: Bool
    var done: Int

    /// The assignments of the expert `user`, judged at `now`.
    static func load(for user: AuthenticatedUser, config: Config, now: Date, on db: any Database) async throws
        -> ExpertReviewsPage
    {
        let reviews = try await ReviewService(db: db, user: user, config: config).list()
        // The province may have given this expert a later day (延期); the list shows the one that applies.
        let deadline = ReviewDeadline(
            plan: reviews.compactMap(\.reviewDeadline).first.flatMap(Day.init),
            extended: reviews.compactMap(\.extendedDeadline).compactMap(Day.init).max())
        return ExpertReviewsPage(
            reviews: reviews, deadline: deadline.effective?.chinese,
            overdue: !deadline.allows(today: ChineseFormat.today(now)),
            done: reviews.filter { $0.status == "submitted" || $0.status == "declined" }.count)
    }
}
