import Foundation
import Testing

@testable import ShenbaoCore

@Suite struct RankingTests {
    @Test(
        "aggregation: trimmed from 5 reviews, plain mean below, rounded to two decimals",
        arguments: [
            ([80, 90, 70, 60, 100], 8000, 8000, 40),  // trimmed (90+70+80)/3 = 80
            ([80, 90, 70, 61, 100], 8000, 8020, 39),  // trimmed = 80, mean = 80.2
            ([90, 70, 60, 100], 8000, 8000, 40),  // 4 reviews: plain mean
            ([85, 86, 86], 8567, 8567, 1),  // 85.666… → 85.67
            ([85, 86, 86, 86, 84, 100], 8575, 8783, 16),  // trimmed 343/4 = 85.75
            ([1, 2, 2], 167, 167, 1),
            ([70], 7000, 7000, 0),
        ])
    func aggregate(totals: [Int], score: Int, mean: Int, spread: Int) {
        let aggregate = ReviewAggregate(totals: totals)
        #expect(aggregate.scoreHundredths == score)
        #expect(aggregate.meanHundredths == mean)
        #expect(aggregate.spread == spread)
        #expect((aggregate.trimmedMeanHundredths != nil) == (totals.count >= 5))
    }

    @Test("half a hundredth rounds up")
    func halfUp() {
        // 8 reviews trimmed to 6: 502/6 = 83.666…; 3 reviews 250/3 = 83.333…; 200 of 8 = 25.00
        #expect(ReviewAggregate.hundredths(sum: 1, count: 8) == 13)  // 0.125 → 0.13
        #expect(ReviewAggregate.hundredths(sum: 250, count: 3) == 8333)
        #expect(ReviewAggregate(totals: []).score == nil)
    }

    static let day = Date(timeIntervalSince1970: 1_750_000_000)

    static func entry(
        _ n: UInt8, _ totals: [Int], claims: Int, at offset: TimeInterval, _ category: Category = .cooperation
    )
        -> Ranking.Entry
    {
        Ranking.Entry(
            applicationID: UUID(uuid: (n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), category: category,
            reviewTotals: totals, priorityConditions: claims, submittedAt: day + offset)
    }

    @Test("ties: more priority conditions first, then the earlier submission")
    func tieBreak() {
        let entries = [
            Self.entry(1, [80, 80, 80], claims: 1, at: 0),
            Self.entry(2, [80, 80, 80], claims: 2, at: 10),
            Self.entry(3, [80, 80, 80], claims: 1, at: -10),
            Self.entry(4, [81, 80, 80], claims: 0, at: 20),
            Self.entry(5, [], claims: 4, at: 0),
            Self.entry(6, [50], claims: 0, at: 0, .conference),
        ]
        let ranking = Ranking.rank(entries, plan: ReviewPlan())
        let cooperation = ranking[.cooperation]!
        #expect(cooperation.map { $0.applicationID.uuid.0 } == [4, 2, 3, 1])
        #expect(cooperation.map(\.rank) == [1, 2, 3, 4])
        #expect(cooperation[0].score == 80.33)
        #expect(ranking[.conference]!.map(\.rank) == [1])
    }

    @Test("bonus: a quarter of the maximum per condition, capped")
    func bonus() {
        let plan = ReviewPlan(priorityRule: .bonus(max: 4))
        #expect(Ranking.bonusHundredths(conditions: 0, rule: plan.priorityRule) == 0)
        #expect(Ranking.bonusHundredths(conditions: 3, rule: plan.priorityRule) == 300)
        #expect(Ranking.bonusHundredths(conditions: 9, rule: plan.priorityRule) == 400)
        #expect(Ranking.bonusHundredths(conditions: 3, rule: .tieBreak) == 0)
        let ranking = Ranking.rank(
            [Self.entry(1, [82], claims: 0, at: 0), Self.entry(2, [80], claims: 3, at: 0)], plan: plan)
        let list = ranking[.cooperation]!
        #expect(list.map { $0.applicationID.uuid.0 } == [2, 1])
        #expect(list[0].score == 83 && list[0].reviewScoreHundredths == 8000 && list[0].bonusHundredths == 300)
    }
}
