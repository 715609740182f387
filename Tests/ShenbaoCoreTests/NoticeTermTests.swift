import Testing

@testable import ShenbaoCore

@Suite("公示期")
struct NoticeTermTests {
    @Test(
        "a call's length is never below the guide's 5 working days",
        arguments: [(1, 5), (4, 5), (5, 5), (7, 7), (30, 30), (31, 30), (Int.min, 5), (Int.max, 30)])
    func length(configured: Int, runs: Int) {
        #expect(NoticeTerm.workingDays(configured: configured) == runs)
    }

    @Test(
        "a configured length outside 5–30 is refused, naming the field",
        arguments: [
            (4, "公示期（工作日）应在5个工作日至30个工作日之间，现为4个工作日"), (5, nil), (30, nil), (31, "公示期（工作日）应在5个工作日至30个工作日之间，现为31个工作日"),
        ]
            as [(Int, String?)])
    func bounds(configured: Int, message: String?) {
        #expect(NoticeTerm.problem(configured: configured)?.message == message)
    }

    @Test(
        "a notice starts today at the earliest",
        arguments: [
            ("2025-09-25", "2025-09-26", "公示起始日期不能早于今天（2025年9月26日），现为2025年9月25日"),
            ("2025-09-26", "2025-09-26", nil), ("2025-09-29", "2025-09-26", nil),
            ("2024-12-31", "2025-01-01", "公示起始日期不能早于今天（2025年1月1日），现为2024年12月31日"),
        ] as [(String, String, String?)])
    func start(start: String, today: String, message: String?) {
        let problem = NoticeTerm.startProblem(start: Day(start)!, today: Day(today)!)
        #expect(problem?.message == message)
        #expect(problem.map { $0.field == "startDate" } ?? true)
    }

    @Test(
        "published only after the last day, which a shortened record does not move earlier",
        arguments: [
            ("2025-10-09", "2025-10-09", "2025-10-09", false), ("2025-10-09", "2025-10-09", "2025-10-10", true),
            ("2025-09-26", "2025-10-09", "2025-10-09", false), ("2025-09-26", "2025-10-09", "2025-10-10", true),
            ("2025-10-20", "2025-10-09", "2025-10-10", false),
        ] as [(String, String, String, Bool)])
    func publication(recorded: String, minimumEnd: String, today: String, allowed: Bool) {
        let end = NoticeTerm.end(recorded: Day(recorded)!, minimumEnd: Day(minimumEnd)!)
        #expect(NoticeTerm.hasRun(end: end, today: Day(today)!) == allowed)
    }
}
