import Testing

@testable import ShenbaoCore

@Suite struct AcceptanceTests {
    static let today = Day(year: 2026, month: 8, day: 10)!

    static func input(
        passed: Bool? = true, score: Int? = 85, goals: [String]? = ["met", "partly"], comment: String? = "按计划完成",
        rectifyBy: String? = nil
    ) -> Acceptance.Input {
        Acceptance.Input(passed: passed, score: score, goals: goals, comment: comment, rectifyBy: rectifyBy)
    }

    @Test(
        "the acceptance decision's problems, each naming its field by its label",
        arguments: [
            (input(), [String]()),
            (
                input(passed: nil, score: nil, goals: nil, comment: " "),
                [
                    "passed:请选择验收结论", "score:请填写绩效评价得分", "goals[0]:请选择第1阶段的目标完成情况", "goals[1]:请选择第2阶段的目标完成情况",
                    "comment:请填写验收意见",
                ]
            ),
            (input(score: 101), ["score:绩效评价得分应在0至100之间，现为101"]),
            (input(score: 59), ["score:验收通过的项目绩效评价得分不能低于60分，现为59分"]),
            (input(goals: ["met", "done"]), ["goals[1]:第2阶段的目标完成情况应为已完成、部分完成或未完成"]),
            (input(goals: ["met", "met", "met"]), ["goals:目标完成情况有3项，多于计划的2个阶段"]),
            (input(rectifyBy: "2026-09-01"), ["rectifyBy:验收通过的项目无需整改期限，请清空"]),
            (input(passed: false, score: 40), ["rectifyBy:请填写整改期限"]),
            (
                input(passed: false, score: 40, rectifyBy: "2026-08-10"),
                ["rectifyBy:整改期限应在今天（2026年8月10日）之后的一年内，现为2026年8月10日"]
            ),
            (
                input(passed: false, score: 40, rectifyBy: "2027-08-12"),
                ["rectifyBy:整改期限应在今天（2026年8月10日）之后的一年内，现为2027年8月12日"]
            ),
            (input(passed: false, score: 40, rectifyBy: "九月"), ["rectifyBy:整改期限应为日期（YYYY-MM-DD），现为“九月”"]),
            (input(passed: false, score: 40, rectifyBy: "2026-10-31"), []),
        ] as [(Acceptance.Input, [String])])
    func problems(input: Acceptance.Input, expected: [String]) {
        let (decision, problems) = Acceptance.check(input, phaseCount: 2, today: Self.today)
        #expect(problems.map { "\($0.field):\($0.message)" } == expected)
        #expect((decision == nil) == !expected.isEmpty)
    }

    @Test func aDecisionKeepsWhatWasDecided() throws {
        let decision = try #require(
            Acceptance.check(
                Self.input(passed: false, score: 55, rectifyBy: "2026-10-31"), phaseCount: 2, today: Self.today
            ).0)
        #expect(decision.goals == [Acceptance.GoalMet.met, .partly])
        #expect(decision.rectifyBy == Day(year: 2026, month: 10, day: 31))
        #expect(decision.comment == "按计划完成")
    }

    @Test(arguments: [(95, "优秀"), (90, "优秀"), (89, "良好"), (75, "良好"), (60, "合格"), (59, "不合格"), (0, "不合格")])
    func grades(score: Int, grade: String) {
        #expect(Acceptance.grade(score) == grade)
    }
}
