/// The groups of statuses the features ask about, named once: which applications a step works on.
extension ApplicationStatus {
    /// On the recommendation chain: with a recommender or waiting for the province's intake. What a
    /// recommender's handover moves and its lists show.
    public static let onTheChain: Set<ApplicationStatus> = [.atRecommender, .atProvince]

    /// Accepted and not yet reviewed: what experts can be assigned to.
    public static let assignable: Set<ApplicationStatus> = [.accepted, .inReview]

    /// Accepted and not yet decided by the meeting: what the review plan's pages and finance's
    /// budget opinions work on.
    public static let beforeDecision: Set<ApplicationStatus> = [.accepted, .inReview, .reviewed]

    /// Accepted, and listed from then on through the meeting: the review's pages and finance's list.
    public static let reachedReview: Set<ApplicationStatus> = beforeDecision.union([
        .funded, .notFunded, .inNotice,
    ]).union(fundedProject)

    /// Reviewed or on the way to it, and every outcome of the meeting: what the ranking lists.
    public static let ranked: Set<ApplicationStatus> = Set([.inReview, .reviewed, .funded, .notFunded, .inNotice])
        .union(fundedProject)

    /// Ended before any review: nothing more happens to them and the dashboard counts them apart.
    public static let endedEarly: Set<ApplicationStatus> = [.rejected, .withdrawn]

    /// 立项 and every step after it: a funded project, whatever its progress. What the funded list,
    /// the dashboard's money and the project's pages count as funded.
    public static let fundedProject: Set<ApplicationStatus> = [
        .approved, .agreementSubmitted, .inProgress, .reporting, .acceptancePassed, .acceptanceFailed, .closed,
    ]

    /// The agreement confirmed and not yet closed: payments (拨付), changes and reports happen now.
    public static let underway: Set<ApplicationStatus> = [
        .inProgress, .reporting, .acceptancePassed, .acceptanceFailed,
    ]

    /// Reports are filled and decided: underway until the acceptance passed (after a failure the
    /// final report is rectified).
    public static let reportable: Set<ApplicationStatus> = [.inProgress, .reporting, .acceptanceFailed]

    /// Never sent or taken back: not on a recommender's summary table (汇总表).
    public static let notSent: Set<ApplicationStatus> = [.draft, .withdrawn]
}
