import Foundation

/// The recommenders' deadline (推荐截止时间): the last moment a recommender may forward, refuse
/// or return an application it holds. The province sets it beside the submission deadline; the
/// province's own intake is not bound by it.
public enum RecommendationDeadline {
    public static let field = "recommendationDeadline"
    public static let label = "推荐截止时间"

    /// Whether a recommender's step at `now` comes too late: only when the call sets a
    /// deadline, from that instant on.
    public static func isLate(at now: Date, deadline: Date?) -> Bool {
        guard let deadline else { return false }
        return now >= deadline
    }

    /// The recommenders' deadline cannot come before the applicants' own: a recommender could
    /// otherwise be closed while applications still arrive.
    public static func problem(submission: Date?, recommendation: Date?) -> Problem? {
        guard let submission, let recommendation, recommendation < submission else { return nil }
        return Problem(
            field: field, code: .outOfRange, message: "\(label)不能早于申报截止时间")
    }
}
