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
        let deadline = reviews.compactMap(\.reviewDeadline).first.flatMap(Day.init)
        return ExpertReviewsPage(
            reviews: reviews, deadline: deadline?.chinese,
            overdue: deadline.map { $0 < ChineseFormat.today(now) } ?? false,
            done: reviews.filter { $0.status == "submitted" || $0.status == "declined" }.count)
    }
}
