import Foundation
import ShenbaoCore
import Testing

@Suite("The recommenders' deadline (推荐截止时间) and the call's default 补正 period")
struct RecommendationDeadlineTests {
    static let base = Date(timeIntervalSince1970: 1_776_243_600)  // 2026-04-15 09:00 UTC, 17:00 Beijing

    @Test(
        "a recommender's step is late from the deadline's instant on, never without a deadline",
        arguments: [
            // deadline (seconds from base), now (seconds from base), late
            (nil, 1_000_000, false),
            (0, -60, false),
            (0, -1, false),
            (0, 0, true),
            (0, 60, true),
        ] as [(Double?, Double, Bool)])
    func late(deadline: Double?, now: Double, late: Bool) {
        let deadlineDate = deadline.map { Self.base.addingTimeInterval($0) }
        #expect(
            RecommendationDeadline.isLate(at: Self.base.addingTimeInterval(now), deadline: deadlineDate) == late)
    }

    @Test(
        "the recommenders' deadline may not come before the submission deadline",
        arguments: [
            // submission, recommendation (seconds from base), refused
            (nil, nil, false),
            (0, nil, false),
            (nil, -86_400, false),
            (0, 0, false),
            (0, 86_400, false),
            (0, -60, true),
        ] as [(Double?, Double?, Bool)])
    func order(submission: Double?, recommendation: Double?, refused: Bool) {
        let problem = RecommendationDeadline.problem(
            submission: submission.map { Self.base.addingTimeInterval($0) },
            recommendation: recommendation.map { Self.base.addingTimeInterval($0) })
        #expect((problem != nil) == refused)
        if let problem {
            #expect(problem.field == "recommendationDeadline")
            #expect(problem.message.contains("推荐截止时间") && problem.message.contains("申报截止时间"))
        }
    }

    @Test(
        "an empty 补正 period takes the call's default, else 5 working days; a typed one wins",
        arguments: [
            // typed, call's default, days
            ("", nil, 5), ("", 10, 10), ("  ", 1, 1), ("", 30, 30), ("3", 10, 3),
            // A stored default out of bounds (not enterable, but old data) falls back to 5.
            ("", 0, 5), ("", 31, 5),
        ] as [(String, Int?, Int)])
    func correctionDefault(typed: String, callDefault: Int?, days: Int) {
        #expect(CorrectionPeriod.workingDays(from: typed, callDefault: callDefault) == .days(days))
    }

    @Test(
        "the call's default 补正 period is bounded like a returner's",
        arguments: [(0, false), (1, true), (30, true), (31, false)])
    func callDefaultBounds(value: Int, valid: Bool) {
        let problem = CorrectionPeriod.callDefaultProblem(value)
        #expect((problem == nil) == valid)
        #expect(problem.map { $0.message.contains("默认补正期限") } ?? true)
    }

    @Test("a call stored before these fields decodes without them")
    func decodesOldCall() throws {
        var call = try CallDefinition.guide2025()
        call.recommendationDeadline = Self.base
        call.correctionWorkingDays = 7
        let encoded = try JSONEncoder().encode(call)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object.removeValue(forKey: "recommendationDeadline")
        object.removeValue(forKey: "correctionWorkingDays")
        let decoded = try JSONDecoder().decode(
            CallDefinition.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(decoded.recommendationDeadline == nil)
        #expect(decoded.correctionWorkingDays == nil)
        #expect(decoded.title == call.title)
    }
}
