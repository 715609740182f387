import Testing

@testable import ShenbaoCore

@Suite struct ReviewPlanTests {
    @Test("the default plan is valid and totals 100")
    func defaults() {
        let plan = ReviewPlan()
        #expect(plan.problems().isEmpty)
        #expect(plan.criteria.reduce(0) { $0 + $1.maxPoints } == 100)
        #expect(plan.expertsPerApplication == 5)
        #expect(plan.priorityRule == .tieBreak)
    }

    static let cases: [(String, ReviewPlan, [String])] = [
        (
            "duplicate code",
            ReviewPlan(criteria: [
                Criterion(code: "a", name: "甲", maxPoints: 50), Criterion(code: "a", name: "乙", maxPoints: 50),
            ]), ["criteria[1].code:duplicate"]
        ),
        (
            "zero points and total",
            ReviewPlan(criteria: [
                Criterion(code: "a", name: "甲", maxPoints: 100), Criterion(code: "b", name: "乙", maxPoints: 0),
            ]), ["criteria[1].maxPoints:notPositive"]
        ),
        (
            "total not 100", ReviewPlan(criteria: [Criterion(code: "a", name: "甲", maxPoints: 90)]),
            ["criteria:totalNot100"]
        ),
        ("no criteria", ReviewPlan(criteria: []), ["criteria:required"]),
        ("no experts", ReviewPlan(expertsPerApplication: 0), ["expertsPerApplication:outOfRange"]),
        ("16 experts", ReviewPlan(expertsPerApplication: 16), ["expertsPerApplication:outOfRange"]),
        ("15 experts", ReviewPlan(expertsPerApplication: 15), []),
        ("bonus 10", ReviewPlan(priorityRule: .bonus(max: 10)), []),
        ("bonus 11", ReviewPlan(priorityRule: .bonus(max: 11)), ["priorityBonusMax:outOfRange"]),
        ("bonus -1", ReviewPlan(priorityRule: .bonus(max: -1)), ["priorityBonusMax:outOfRange"]),
        (
            "empty code and name",
            ReviewPlan(criteria: [Criterion(code: "", name: " ", maxPoints: 100)]),
            ["criteria[0].code:required", "criteria[0].name:required"]
        ),
    ]

    @Test("plan validation", arguments: cases)
    func validation(name: String, plan: ReviewPlan, expected: [String]) {
        let problems = plan.problems()
        #expect(problems.map { "\($0.field):\($0.code)" } == expected, "\(name)")
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("a review's total is the sum of its points, each within its range")
    func scores() {
        let plan = ReviewPlan()
        var scores = Dictionary(uniqueKeysWithValues: plan.criteria.map { ($0.code, $0.maxPoints - 1) })
        #expect(plan.total(of: scores) == 94)
        scores["budget"] = 11
        #expect(plan.problems(scores: scores).map(\.field) == ["scores.budget"])
        #expect(plan.total(of: scores) == nil)
        scores["budget"] = -1
        #expect(plan.problems(scores: scores).map(\.code) == ["outOfRange"])
        scores["budget"] = nil
        scores["extra"] = 1
        #expect(plan.problems(scores: scores).map(\.code) == ["required", "unknownCriterion"])
    }
}
