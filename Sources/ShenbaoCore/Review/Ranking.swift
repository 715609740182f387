import Foundation

/// The ranking of a call's applications per category (评审排名), as the meeting reads it.
///
/// Priority conditions count as the plan says:
/// - `.tieBreak`: between equal scores (to two decimals), more verified priority conditions rank
///   higher, then the earlier submission, then the application id so the order is total;
/// - `.bonus(max:)`: each verified condition adds a quarter of `max` (the guide lists four), so
///   claiming all four earns exactly `max` and no more; ties are then broken as above. A per-
///   condition share was chosen over "all or nothing" so that each condition counts alike.
public enum Ranking {
    /// One application to rank.
    public struct Entry: Hashable, Sendable {
        public var applicationID: UUID
        public var category: Category
        /// Totals of its submitted reviews (declined ones excluded).
        public var reviewTotals: [Int]
        /// Priority conditions verified at intake.
        public var priorityConditions: Int
        public var submittedAt: Date

        public init(
            applicationID: UUID, category: Category, reviewTotals: [Int], priorityConditions: Int, submittedAt: Date
        ) {
            self.applicationID = applicationID
            self.category = category
            self.reviewTotals = reviewTotals
            self.priorityConditions = priorityConditions
            self.submittedAt = submittedAt
        }
    }

    /// One ranked application, in the docs/api.md ranking shape plus what explains it.
    public struct Ranked: Hashable, Sendable {
        public var applicationID: UUID
        public var category: Category
        /// Rank 1 is the best; ranks within a category are 1, 2, 3… with no two equal.
        public var rank: Int
        /// The ranking score in hundredths: the reviews' score plus any bonus.
        public var scoreHundredths: Int
        /// The reviews' score alone (trimmed mean from 5 reviews), in hundredths.
        public var reviewScoreHundredths: Int
        public var bonusHundredths: Int
        public var reviewCount: Int
        public var spread: Int
        public var priorityConditions: Int
        public var submittedAt: Date

        /// The score rounded to two decimals.
        public var score: Double { Double(scoreHundredths) / 100 }
    }

    /// Applications with no submitted review are left out: they have no score to rank by.
    public static func rank(_ entries: [Entry], plan: ReviewPlan) -> [Category: [Ranked]] {
        var byCategory: [Category: [Ranked]] = [:]
        for entry in entries {
            let aggregate = ReviewAggregate(totals: entry.reviewTotals)
            guard let review = aggregate.scoreHundredths, let spread = aggregate.spread else { continue }
            let bonus = bonusHundredths(conditions: entry.priorityConditions, rule: plan.priorityRule)
            byCategory[entry.category, default: []].append(
                Ranked(
                    applicationID: entry.applicationID, category: entry.category, rank: 0,
                    scoreHundredths: review + bonus, reviewScoreHundredths: review, bonusHundredths: bonus,
                    reviewCount: aggregate.reviewCount, spread: spread, priorityConditions: entry.priorityConditions,
                    submittedAt: entry.submittedAt))
        }
        for (category, list) in byCategory {
            byCategory[category] = list.sorted(by: precedes).enumerated().map { offset, ranked in
                var ranked = ranked
                ranked.rank = offset + 1
                return ranked
            }
        }
        return byCategory
    }

    /// The bonus in hundredths: a quarter of the maximum per condition, at most the maximum.
    public static func bonusHundredths(conditions: Int, rule: PriorityRule) -> Int {
        guard case .bonus(let max) = rule, conditions > 0 else { return 0 }
        return min(max * 100, conditions * max * 100 / 4)
    }

    static func precedes(_ a: Ranked, _ b: Ranked) -> Bool {
        if a.scoreHundredths != b.scoreHundredths { return a.scoreHundredths > b.scoreHundredths }
        if a.priorityConditions != b.priorityConditions { return a.priorityConditions > b.priorityConditions }
        if a.submittedAt != b.submittedAt { return a.submittedAt < b.submittedAt }
        return a.applicationID.uuidString < b.applicationID.uuidString
    }
}
