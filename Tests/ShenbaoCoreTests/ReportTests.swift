import Testing

@testable import ShenbaoCore

@Suite struct ReportTests {
    static let period = DayRange(start: Day(year: 2025, month: 7, day: 1)!, end: Day(year: 2026, month: 6, day: 30)!)
    static let interim = ReportDefinition.standard[0]
    static let final = ReportDefinition.standard[1]

    @Test(
        "when a report is due: a fixed day, days after the period's end, or halfway",
        arguments: [
            (final, period, Day(year: 2026, month: 7, day: 30)!),
            (interim, period, Day(year: 2025, month: 12, day: 30)!),
            (
                ReportDefinition(code: "x", title: "x", kind: .interim, dueOn: "2026-03-31", questions: []), nil,
                Day(year: 2026, month: 3, day: 31)!
            ),
            (final, DayRange(start: Day(year: 2025, month: 7, day: 1)!), nil),
            (final, DayRange(start: Day(year: 2026, month: 7, day: 1)!, end: Day(year: 2025, month: 7, day: 1)!), nil),
        ] as [(ReportDefinition, DayRange?, Day?)])
    func due(definition: ReportDefinition, period: DayRange?, expected: Day?) {
        #expect(definition.due(for: period) == expected)
    }

    @Test func theRulesReadAsAClerkSaysThem() {
        #expect(Self.final.dueRule == "项目执行期结束后30日内")
        #expect(Self.interim.dueRule == "项目执行期过半时")
    }

    @Test(
        "the one table of a report's states",
        arguments: [
            (Report.Status.draft, Report.Action.submit, Report.Actor.unit, Report.Status.submitted),
            (.returned, .submit, .unit, .submitted),
            (.submitted, .return, .province, .returned),
            (.submitted, .accept, .province, .accepted),
            (.submitted, .submit, .unit, nil),
            (.draft, .accept, .province, nil),
            (.submitted, .accept, .unit, nil),
            (.accepted, .return, .province, nil),
            (.accepted, .reopen, .province, .returned),
            (.submitted, .reopen, .province, nil),
            (.draft, .submit, .province, nil),
        ] as [(Report.Status, Report.Action, Report.Actor, Report.Status?)])
    func transitions(from: Report.Status, action: Report.Action, actor: Report.Actor, to: Report.Status?) {
        #expect(Report.next(from, action, by: actor) == to)
    }

    static let complete: [String: Answer] = [
        "completion": .text("按计划举办了会议"), "outcomes": .text("签署两份协议"), "participants": .number(120),
        "agreementSigned": .flag(true),
    ]

    @Test(
        "a final report's problems, all at once, each naming its field",
        arguments: [
            (complete, [Report.AccountRow(spentYuan: 100_000), .init(spentYuan: 50_000)], 1, [String]()),
            (
                [:], [Report.AccountRow(spentYuan: 100_000), .init(spentYuan: 50_000)], 1,
                [
                    "answers.completion:请填写项目完成情况", "answers.outcomes:请填写取得的成效", "answers.participants:请填写参与交流人数",
                    "answers.agreementSigned:请选择是否签署合作协议",
                ]
            ),
            (
                complete, [Report.AccountRow(spentYuan: 90_000)], 0,
                [
                    "accounts[0].explanation:第1阶段的实际支出（9万元）与预算（10万元）不一致，请填写差异说明",
                    "accounts[1].spentYuan:请填写第2阶段的实际支出", "evidence:请上传佐证材料（如会议议程、参加人员名单、活动照片）",
                ]
            ),
            (complete, [Report.AccountRow(spentYuan: 90_000, explanation: "会场费用节约"), .init(spentYuan: 50_000)], 2, []),
            (
                complete.merging(["participants": .number(-1), "x": .text("?")]) { $1 },
                [.init(spentYuan: -5), .init(spentYuan: 50_000), .init(spentYuan: 1)], 1,
                [
                    "accounts:经费决算有3行，多于计划的2个阶段，请删除多余的行", "accounts[0].spentYuan:第1阶段的实际支出应在0至1000000000之间，现为-5",
                    "answers.participants:参与交流人数应在0至100000之间，现为-1", "answers:补充信息中的“x”不是本报告的问题，请删除",
                    "accounts[0].explanation:第1阶段的实际支出（-0.0005万元）与预算（10万元）不一致，请填写差异说明",
                ]
            ),
        ] as [([String: Answer], [Report.AccountRow], Int, [String])])
    func finalReport(answers: [String: Answer], accounts: [Report.AccountRow], evidence: Int, expected: [String]) {
        let problems = Report.submissionProblems(
            Self.final, answers: answers, accounts: accounts, budgetsYuan: [100_000, 50_000], evidenceCount: evidence,
            category: .conference)
        #expect(Set(problems.map { "\($0.field):\($0.message)" }) == Set(expected))
    }

    @Test func anInterimReportNeedsNoEvidenceAndItsOwnQuestionsOnly() {
        let problems = Report.submissionProblems(
            Self.interim, answers: ["progress": .text("已完成第一阶段")], accounts: [.init(spentYuan: 100_000)],
            budgetsYuan: [100_000], evidenceCount: 0, category: .cooperation)
        #expect(problems.isEmpty)
    }

    @Test func totalsCountOnlyThePlansPhasesAndBoundedSums() {
        let totals = Report.totals(
            budgetsYuan: [100_000, nil],
            accounts: [.init(spentYuan: 80_000), .init(spentYuan: Int.max), .init(spentYuan: 7)])
        #expect(totals.budgeted == 100_000)
        #expect(totals.spent == 80_000 + Report.spentBounds.upperBound)
    }

    @Test func theFinalReportStartsFromThePartnersCountriesEachOnce() {
        var form = ApplicationForm()
        form.partners = [Partner(name: "A", countryOrRegion: "DE"), Partner(name: "B", countryOrRegion: "JP")]
        form.invitedExperts = [InvitedExpert(name: "C", countryOrRegion: "DE")]
        #expect(Self.final.prefilledAnswers(from: form) == ["countries": .text("德国、日本")])
        #expect(Self.final.prefilledAnswers(from: ApplicationForm()).isEmpty)
        #expect(Self.interim.prefilledAnswers(from: form).isEmpty)
    }
}
