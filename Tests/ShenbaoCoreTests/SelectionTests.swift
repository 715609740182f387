import Foundation
import Testing

@testable import ShenbaoCore

@Suite struct SelectionTests {
    static let bounds = Selection.Bounds(
        funded: [.conference: Bounds(min: 3, max: 4), .cooperation: Bounds(min: 7, max: 8)],
        amountYuan: [.conference: Bounds(min: 50_000, max: 200_000), .cooperation: Bounds(min: 50_000, max: 200_000)],
        totalFunded: Bounds(min: 8, max: 20), totalBudgetYuan: 2_000_000)

    static func id(_ n: UInt8) -> UUID { UUID(uuid: (n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) }

    /// Five conference (ids 1–5) and ten cooperation (ids 11–20) candidates, 100,000 yuan each.
    static let candidates: [Selection.Candidate] =
        (1...5).map {
            Selection.Candidate(
                applicationID: id(UInt8($0)), category: .conference, rank: $0, scoreHundredths: 9000 - $0 * 100,
                requestedYuan: 100_000)
        }
        + (1...10).map {
            Selection.Candidate(
                applicationID: id(UInt8(10 + $0)), category: .cooperation, rank: $0,
                scoreHundredths: 9500 - $0 * 100, requestedYuan: 100_000)
        }

    @Test("the bounds of the 2025 call")
    func callBounds() throws {
        let call = try CallDefinition.guide2025()
        let bounds = Selection.Bounds(call: call, totalBudgetYuan: 1)
        #expect(bounds.funded[.conference] == Bounds(min: 3, max: 4))
        #expect(bounds.funded[.cooperation] == Bounds(min: 7, max: 8))
        #expect(bounds.totalFunded == Bounds(min: 8, max: 20))
        #expect(bounds.amountYuan[.cooperation] == Bounds(min: 50_000, max: 200_000))
    }

    @Test("suggestion: rank order within each maximum, every choice explained")
    func suggest() {
        let choices = Selection.suggest(Self.candidates, bounds: Self.bounds)
        #expect(choices.count == 15)
        let funded = Set(choices.filter(\.decision.funded).map(\.decision.applicationID))
        #expect(funded == Set((1...4).map { Self.id(UInt8($0)) } + (11...18).map { Self.id(UInt8($0)) }))
        #expect(choices.allSatisfy { !$0.reason.isEmpty })
        #expect(choices.first { $0.decision.applicationID == Self.id(5) }?.reason == "国际科技交流会议项目已达资助上限4项")
        let review = Selection.problems(
            decisions: choices.map(\.decision), candidates: Self.candidates, bounds: Self.bounds)
        #expect(review.problems.isEmpty && review.warnings.isEmpty)
    }

    @Test("suggestion: finance caps, clamping, a cap below the minimum, the budget")
    func suggestAmounts() {
        var candidates = Self.candidates
        candidates[0].requestedYuan = 300_000  // clamped to 200,000
        candidates[1].financeCapYuan = 40_000  // skipped
        candidates[2].financeCapYuan = 60_000
        var bounds = Self.bounds
        bounds.totalBudgetYuan = 450_000
        let choices = Dictionary(
            uniqueKeysWithValues: Selection.suggest(candidates, bounds: bounds).map { ($0.decision.applicationID, $0) })
        #expect(choices[Self.id(1)]?.decision.amountYuan == 200_000)
        #expect(choices[Self.id(1)]?.reason.contains("超过每项上限20万元") == true)
        #expect(choices[Self.id(2)]?.decision.funded == false)
        #expect(choices[Self.id(2)]?.reason == "财务核减后金额4万元低于每项最低5万元，不予资助")
        #expect(choices[Self.id(3)]?.decision.amountYuan == 60_000)
        #expect(choices[Self.id(3)]?.reason.contains("按财务意见核减") == true)
        let spent = choices.values.compactMap(\.decision.amountYuan).reduce(0, +)
        #expect(spent <= 450_000)
        #expect(choices.values.contains { $0.reason.hasPrefix("剩余预算") })
    }

    static func decisions(conference: Int, cooperation: Int, amount: Int = 100_000) -> [Selection.Decision] {
        (1...5).map { Selection.Decision(applicationID: id(UInt8($0)), funded: $0 <= conference, amountYuan: amount) }
            + (1...10).map {
                Selection.Decision(applicationID: id(UInt8(10 + $0)), funded: $0 <= cooperation, amountYuan: amount)
            }
    }

    @Test(
        "each hard limit is refused by name",
        arguments: [
            (decisions(conference: 5, cooperation: 7), "categoryQuotaExceeded"),
            (decisions(conference: 3, cooperation: 9), "categoryQuotaExceeded"),
            (decisions(conference: 3, cooperation: 7, amount: 200_001), "amountAboveMaximum"),
            (decisions(conference: 3, cooperation: 7, amount: 49_999), "amountBelowMinimum"),
            (decisions(conference: 4, cooperation: 8, amount: 180_000), "budgetExceeded"),
        ])
    func hardLimits(decisions: [Selection.Decision], code: String) {
        var candidates = Self.candidates
        for index in candidates.indices { candidates[index].requestedYuan = 300_000 }
        let review = Selection.problems(decisions: decisions, candidates: candidates, bounds: Self.bounds)
        #expect(review.problems.map(\.code).contains(code))
        #expect(review.problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("above the request, above the finance cap, the total maximum, unknown and duplicate")
    func otherLimits() {
        var candidates = Self.candidates
        candidates[0].financeCapYuan = 80_000
        var decisions = Self.decisions(conference: 3, cooperation: 7, amount: 90_000)
        decisions[0].amountYuan = 90_000
        decisions[1].amountYuan = 120_000
        decisions[2].amountYuan = nil
        decisions.append(Selection.Decision(applicationID: Self.id(99), funded: true, amountYuan: 50_000))
        decisions.append(decisions[3])
        let review = Selection.problems(decisions: decisions, candidates: candidates, bounds: Self.bounds)
        #expect(
            review.problems.map { "\($0.field):\($0.code)" } == [
                "decisions[0].amountYuan:amountAboveFinanceCap", "decisions[1].amountYuan:amountAboveRequest",
                "decisions[2].amountYuan:required", "decisions[15].applicationId:unknownApplication",
                "decisions[16].applicationId:duplicate",
            ])

        var tight = Self.bounds
        tight.totalFunded = Bounds(min: 8, max: 10)
        let total = Selection.problems(
            decisions: Self.decisions(conference: 4, cooperation: 7), candidates: Self.candidates, bounds: tight)
        #expect(total.problems.map(\.code) == ["totalQuotaExceeded"])
        #expect(total.problems[0].message == "拟资助项目共11项，超过上限10项")
    }

    @Test("falling short of a minimum is a warning, not a refusal")
    func minimums() {
        let review = Selection.problems(
            decisions: Self.decisions(conference: 2, cooperation: 5), candidates: Self.candidates, bounds: Self.bounds)
        #expect(review.problems.isEmpty)
        #expect(review.warnings.map(\.code) == ["categoryQuotaShort", "categoryQuotaShort", "totalQuotaShort"])
        #expect(review.warnings[0].message == "国际科技交流会议项目拟资助2项，少于指南的3项")
    }
}
