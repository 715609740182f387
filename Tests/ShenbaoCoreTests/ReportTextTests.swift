import Testing

@testable import ShenbaoCore

/// The report and the acceptance opinion say what the project's facts, the report and the
/// decision say; the unit's signature and stamp lines stay empty.
@Suite("报告与验收意见书的内容")
struct ReportTextTests {
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { preconditionFailure("not a day: \(text)") }
        return day
    }

    static let phases = [
        Phase(
            period: DayRange(start: day("2025-11-01"), end: day("2026-03-31")), budgetYuan: 55_000, goal: "筹备会议"),
        Phase(
            period: DayRange(start: day("2026-04-01"), end: day("2026-10-31")), budgetYuan: 95_000, goal: "召开研讨会"),
    ]

    static let facts = ProjectTextsTests.facts(phases: phases)
    static let final = ReportDefinition.standard[1]

    static func input(
        answers: [String: Answer] = [:], accounts: [Report.AccountRow] = [], evidence: [ReportText.EvidenceFile] = [],
        status: Report.Status = .draft, submittedOn: Day? = nil, definition: ReportDefinition = final
    ) -> ReportText.Input {
        ReportText.Input(
            definition: definition, category: .conference, answers: answers, budgetsYuan: phases.map(\.budgetYuan),
            accounts: accounts, evidence: evidence, status: status, submittedOn: submittedOn)
    }

    @Test func theReportNamesTheProjectItsStateAndTheDaySubmitted() {
        let content = ReportText.report(Self.facts, Self.input(status: .submitted, submittedOn: Self.day("2026-11-20")))
        #expect((content.title, content.subtitle) == ("2025年度国际与区域科技交流类项目", "总结报告"))
        #expect(
            content.basics.map(\.label) == [
                "项目名称", "申报编号", "项目类别", "承担单位", "项目负责人", "执行期", "资助金额（万元）", "报告状态", "提交日期",
            ])
        #expect(content.basics[0].value == "中德智能制造研讨会")
        #expect(content.basics[6].value == "15")
        #expect(content.basics.suffix(2).map(\.value) == ["已提交，待审核", "2026年11月20日"])
        #expect(ReportText.report(Self.facts, Self.input()).basics.last?.value == "未提交")
    }

    @Test(
        "each question with its answer as the page shows it",
        arguments: [
            ("completion", Answer.text("两个阶段均已完成"), "两个阶段均已完成"),
            ("participants", .number(120), "120"),
            ("agreementSigned", .flag(true), "是"),
            ("agreementSigned", .flag(false), "否"),
            ("countries", .text("  "), ReportText.unanswered),
        ])
    func answers(code: String, answer: Answer, shown: String) throws {
        let content = ReportText.report(Self.facts, Self.input(answers: [code: answer]))
        let label = try #require(Self.final.questions.first { $0.code == code }?.label)
        #expect(content.answers.first { $0.label == label }?.value == shown)
        // Every question asked is printed, the unanswered ones as such.
        #expect(content.answers.map(\.label) == Self.final.questions.map(\.label))
        #expect(content.answers.filter { $0.label != label }.allSatisfy { $0.value == ReportText.unanswered })
    }

    @Test func choicesDatesAndFilesReadAsWords() {
        let definition = ReportDefinition(
            code: "x", title: "专项报告", kind: .interim,
            questions: [
                Question(
                    code: "form", label: "活动形式", kind: .multipleChoice,
                    options: [Option(code: "online", label: "线上"), Option(code: "onsite", label: "线下")]),
                Question(code: "held", label: "举办日期", kind: .date),
                Question(code: "scan", label: "签到表", kind: .file),
                Question(code: "only", label: "仅人才项目", kind: .shortText, categories: [.cooperation]),
            ])
        let content = ReportText.report(
            Self.facts,
            Self.input(
                answers: ["form": .choices(["onsite", "online"]), "held": .text("2026-05-08"), "only": .text("x")],
                definition: definition))
        #expect(
            content.answers
                == [
                    .init(label: "活动形式", value: "线下、线上"), .init(label: "举办日期", value: "2026年5月8日"),
                    .init(label: "签到表", value: ReportText.seeEvidence),
                ])
    }

    @Test(
        "the 经费决算 per phase in 万元, with its total",
        arguments: [
            (
                [Report.AccountRow](), [["第1阶段", "5.5", "", ""], ["第2阶段", "9.5", "", ""]],
                ["合计", "15", "", ""]
            ),
            (
                [Report.AccountRow(spentYuan: 55_000), Report.AccountRow(spentYuan: 90_500, explanation: "外宾少到2人")],
                [["第1阶段", "5.5", "5.5", ""], ["第2阶段", "9.5", "9.05", "外宾少到2人"]],
                ["合计", "15", "14.55", ""]
            ),
            (
                [Report.AccountRow(spentYuan: 0, explanation: "未开展")],
                [["第1阶段", "5.5", "0", "未开展"], ["第2阶段", "9.5", "", ""]],
                ["合计", "15", "0", ""]
            ),
        ])
    func accounts(rows: [Report.AccountRow], table: [[String]], total: [String]) {
        let content = ReportText.report(Self.facts, Self.input(accounts: rows))
        #expect(content.accountColumns == ["阶段", "预算（万元）", "实际支出（万元）", "差异说明"])
        #expect(content.accounts == table)
        #expect(content.total == total)
    }

    @Test func theEvidenceByItsSlotAndTheSignatureLinesEmpty() {
        let content = ReportText.report(
            Self.facts,
            Self.input(evidence: [.init(.agenda, "议程.pdf"), .init(.attendees, "名单.xlsx")]))
        #expect(content.evidenceColumns == ["类别", "文件名"])
        #expect(content.evidence == [["会议议程或活动日程", "议程.pdf"], ["参加人员名单（含国别）", "名单.xlsx"]])
        // Only the labels: no name, no unit, no date typed where the unit signs and stamps.
        #expect(content.signatures == ["项目负责人（签字）：", "承担单位（盖章）", "年　　月　　日"])
        #expect(!content.signatures.contains { $0.contains("张三") || $0.contains("湖南大学") || $0.contains("20") })
    }

    @Test(
        "the acceptance opinion: outcome, score with its grade, the deadline only when not accepted",
        arguments: [
            (true, 92, nil, ["验收通过", "92分（优秀）"]),
            (true, 60, nil, ["验收通过", "60分（合格）"]),
            (false, 55, day("2027-03-31"), ["验收不通过", "55分（不合格）", "2027年3月31日"]),
        ] as [(Bool, Int, Day?, [String])])
    func acceptance(passed: Bool, score: Int, rectifyBy: Day?, values: [String]) {
        let content = ReportText.acceptance(
            Self.facts,
            .init(
                passed: passed, score: score, goals: [.met, .partly], comment: "完成了预期目标", rectifyBy: rectifyBy,
                decidedOn: Self.day("2026-12-15")))
        #expect(content.subtitle == "项目验收意见书")
        #expect(content.basics.map(\.value).prefix(4) == ["中德智能制造研讨会", "2025-HY-0001", "国际科技交流会议项目", "湖南大学"])
        #expect(content.conclusion.map(\.value) == values)
        #expect(content.conclusion.map(\.label).last == (rectifyBy == nil ? "绩效评价得分" : "整改期限"))
        #expect(
            content.goals == [
                ["第1阶段", "2025年11月1日至2026年3月31日", "筹备会议", "已完成"],
                ["第2阶段", "2026年4月1日至2026年10月31日", "召开研讨会", "部分完成"],
            ])
        #expect(content.opinion == "完成了预期目标")
        #expect((content.issuer, content.date.chinese) == ("湖南省科学技术协会", "2026年12月15日"))
    }

    @Test(
        "a change request's form: before and after and why; the decision only once made; signature lines empty",
        arguments: [
            (nil, nil, ["变更类型", "变更前", "变更后", "变更理由", "申请日期"], [String]()),
            (
                "同意", Day(year: 2026, month: 3, day: 12), ["变更类型", "变更前", "变更后", "变更理由", "申请日期"],
                ["审核结果", "省科协意见", "审核日期"]
            ),
        ] as [(String?, Day?, [String], [String])])
    func changeRequest(comment: String?, decidedOn: Day?, change: [String], decision: [String]) {
        let request = ChangeRequestText.Request(
            kind: .extension, before: "2026年12月31日", after: "2027年6月30日", reason: "签证延误",
            requestedOn: Day(year: 2026, month: 3, day: 10), stateLabel: decidedOn == nil ? "待审核" : "已同意",
            decisionComment: comment, decidedOn: decidedOn)
        let content = ChangeRequestText.content(Self.facts, request)
        #expect(content.subtitle == "项目变更申请表")
        #expect(content.change.map(\.label) == change)
        #expect(content.change.map(\.value).prefix(3) == ["延期", "2026年12月31日", "2027年6月30日"])
        #expect(content.decision.map(\.label) == decision)
        #expect(content.signatures == ["项目负责人（签字）：", "承担单位（盖章）", "年　　月　　日"])
    }
}
