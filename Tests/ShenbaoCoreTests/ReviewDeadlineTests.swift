import ShenbaoCore
import Testing

@Suite("The review deadline and an expert's extension")
struct ReviewDeadlineTests {
    static func day(_ text: String?) -> Day? { text.flatMap(Day.init) }

    @Test(
        "an expert may save or submit through the last day that applies to them",
        arguments: [
            // plan deadline, this expert's extension, today, allowed, the day that applies
            (nil, nil, "2030-01-01", true, nil),
            ("2025-10-20", nil, "2025-10-19", true, "2025-10-20"),
            ("2025-10-20", nil, "2025-10-20", true, "2025-10-20"),
            ("2025-10-20", nil, "2025-10-21", false, "2025-10-20"),
            ("2025-10-20", "2025-10-25", "2025-10-21", true, "2025-10-25"),
            ("2025-10-20", "2025-10-25", "2025-10-25", true, "2025-10-25"),
            ("2025-10-20", "2025-10-25", "2025-10-26", false, "2025-10-25"),
            // An extension never shortens the plan's deadline.
            ("2025-10-20", "2025-10-15", "2025-10-18", true, "2025-10-20"),
            ("2025-10-20", "2025-10-15", "2025-10-21", false, "2025-10-20"),
            // Without a plan deadline there is nothing to extend: no limit.
            (nil, "2025-10-25", "2025-12-01", true, nil),
        ] as [(String?, String?, String, Bool, String?)])
    func allows(plan: String?, extended: String?, today: String, allowed: Bool, effective: String?) throws {
        let rule = ReviewDeadline(plan: Self.day(plan), extended: Self.day(extended))
        let today = try #require(Day(today))
        #expect(rule.allows(today: today) == allowed)
        #expect(rule.effective == Self.day(effective))
        #expect((rule.refusal(today: today) == nil) == allowed)
    }

    @Test("a refusal names the deadline as a Chinese date and says whom to ask")
    func refusalWords() throws {
        let late = try #require(Day("2025-10-21"))
        let plan = ReviewDeadline(plan: Day("2025-10-20"))
        #expect(
            plan.refusal(today: late)?.message
                == "评审截止时间（2025年10月20日）已过，不能再保存或提交评审意见；如需延期请联系省科协")
        #expect(plan.refusal(today: late)?.code == "reviewDeadlinePassed")
        let extended = ReviewDeadline(plan: Day("2025-10-20"), extended: Day("2025-10-22"))
        #expect(
            extended.refusal(today: try #require(Day("2025-10-23")))?.message
                == "省科协为您延长的评审截止时间（2025年10月22日）已过，不能再保存或提交评审意见；如需延期请联系省科协")
    }

    @Test(
        "an extension's problems, all at once",
        arguments: [
            ("2025-10-25", "专家出差", "2025-10-20", "2025-10-21", [String]()),
            ("2025-10-20", "专家出差", "2025-10-20", "2025-10-18", ["deadline:notAfterDeadline"]),
            ("2025-10-19", "", "2025-10-20", "2025-10-18", ["deadline:notAfterDeadline", "reason:required"]),
            ("2025-10-22", "  ", "2025-10-20", "2025-10-23", ["deadline:beforeToday", "reason:required"]),
            (nil, nil, "2025-10-20", "2025-10-18", ["deadline:required", "reason:required"]),
            ("2025-10-25", "理由", nil, "2025-10-18", ["deadline:noDeadline"]),
            ("2025-10-25", String(repeating: "长", count: 501), "2025-10-20", "2025-10-18", ["reason:tooLong"]),
            ("2025-10-25", String(repeating: "长", count: 500), "2025-10-20", "2025-10-18", [String]()),
        ] as [(String?, String?, String?, String, [String])])
    func extensionProblems(day: String?, reason: String?, plan: String?, today: String, expected: [String]) throws {
        let problems = ReviewDeadline.extensionProblems(
            day: Self.day(day), reason: reason, plan: Self.day(plan), today: try #require(Day(today)))
        #expect(problems.map { "\($0.field):\($0.code)" } == expected)
    }

    @Test("a reopening needs a reason of at most 500 characters")
    func reopenReason() {
        #expect(ReviewDeadline.reasonProblems("评分有误", label: "重新开放的理由").isEmpty)
        #expect(ReviewDeadline.reasonProblems(nil, label: "重新开放的理由").map(\.message) == ["请填写重新开放的理由"])
        #expect(
            ReviewDeadline.reasonProblems(String(repeating: "字", count: 501), label: "重新开放的理由").map(\.code) == [
                "tooLong"
            ])
    }
}
