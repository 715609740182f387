import Testing

@testable import ShenbaoCore

@Suite struct ChangeRequestTests {
    /// A funded project's plan: 2026-01-01 … 2026-12-31, two phases of 3 and 7 万元, one partner.
    static var form: ApplicationForm {
        var form = ApplicationForm()
        form.period = DayRange(start: Day(year: 2026, month: 1, day: 1), end: Day(year: 2026, month: 12, day: 31))
        form.mainContent = "原内容"
        form.partners = [Partner(name: "甲大学", countryOrRegion: "DE")]
        form.phases = [Phase(budgetYuan: 30_000, goal: "一"), Phase(budgetYuan: 70_000, goal: "二")]
        form.leader = "张三"
        return form
    }

    static func input(
        _ kind: String?, newEnd: String? = nil, content: String? = nil, partners: [String]? = nil,
        budgets: [Int]? = nil, leader: String? = nil, reason: String? = "因疫情推迟"
    ) -> ChangeRequest.Input {
        ChangeRequest.Input(
            kind: kind, newEnd: newEnd, mainContent: content, partners: partners, budgetsYuan: budgets, leader: leader,
            reason: reason)
    }

    @Test(
        "each kind's fields: each problem names its field by its Chinese label",
        arguments: [
            (input("extension", newEnd: "2027-06-30"), nil, nil),
            (input("extension", newEnd: "2027-12-31"), nil, nil),
            (input("extension", newEnd: "2028-01-01"), "newEnd", "延期后的项目结束日期最多延后12个月，即不晚于2027年12月31日"),
            (input("extension", newEnd: "2026-12-31"), "newEnd", "延期后的项目结束日期应晚于现在的结束日期2026年12月31日"),
            (input("extension", newEnd: "2027-2-1"), "newEnd", "延期后的项目结束日期应为日期"),
            (input("extension"), "newEnd", "请填写延期后的项目结束日期"),
            (input("content", content: "新内容"), nil, nil),
            (input("content", content: " "), "mainContent", "请填写调整后的项目主要内容"),
            (input("content", content: String(repeating: "字", count: 2001)), "mainContent", "调整后的项目主要内容不能超过2000个字"),
            (input("partners", partners: ["乙研究所"]), nil, nil),
            (input("partners", partners: ["", " "]), "partners", "请填写变更后的合作单位"),
            (input("partners", partners: (1...11).map { "单位\($0)" }), "partners", "变更后的合作单位最多10个，现为11个"),
            (
                input("partners", partners: ["甲", String(repeating: "名", count: 101)]), "partners[1]",
                "第2个合作单位名称不能超过100个字"
            ),
            (input("budget", budgets: [50_000, 50_000]), nil, nil),
            (input("budget", budgets: [0, 100_000]), nil, nil),
            (input("budget", budgets: [50_000, 60_000]), "budgetsYuan", "合计应等于调整前的合计10万元，现为11万元"),
            (input("budget", budgets: [100_000]), "budgetsYuan", "应为2个阶段各一个，现为1个"),
            (input("budget", budgets: [-1, 100_001]), "budgetsYuan[0]", "第1阶段经费预算应在0至10000万元之间"),
            (input("budget", budgets: [Int.max, Int.max]), "budgetsYuan[0]", "第1阶段经费预算应在"),
            (input("budget"), "budgetsYuan", "请填写调整后的各阶段经费预算"),
            (input("leader", leader: "李四"), nil, nil),
            (input("leader", leader: ""), "leader", "请填写变更后的项目负责人"),
            (input("leader", leader: String(repeating: "名", count: 51)), "leader", "变更后的项目负责人不能超过50个字"),
            (input(nil), "kind", "请选择变更类型"),
            (input("rename"), "kind", "变更类型应为延期、内容调整、合作方变更、经费调整、负责人变更之一"),
            (input("leader", leader: "李四", reason: nil), "reason", "请填写变更理由"),
            (input("leader", leader: "李四", reason: String(repeating: "因", count: 2001)), "reason", "变更理由不能超过2000个字"),
        ] as [(ChangeRequest.Input, String?, String?)])
    func fields(input: ChangeRequest.Input, field: String?, message: String?) {
        let (part, reason, problems) = ChangeRequest.check(input, form: Self.form)
        if let field, let message {
            #expect(part == nil)
            #expect(problems.first?.field == field, "\(problems)")
            #expect(problems.first?.message.contains(message) == true, "\(problems)")
        } else {
            #expect(problems.isEmpty, "\(problems)")
            #expect(part != nil)
            #expect(reason == "因疫情推迟")
        }
    }

    @Test("every problem at once: the kind's field and the reason")
    func allAtOnce() {
        let (_, _, problems) = ChangeRequest.check(
            Self.input("budget", budgets: [1, 2], reason: " "), form: Self.form)
        #expect(problems.map(\.field) == ["budgetsYuan", "reason"])
        let (_, _, noKind) = ChangeRequest.check(Self.input("", reason: nil), form: Self.form)
        #expect(noKind.map(\.field) == ["kind", "reason"])
    }

    @Test("a budget change on a plan without phases is refused, naming why")
    func noPhases() {
        var form = Self.form
        form.phases = nil
        let (_, _, problems) = ChangeRequest.check(Self.input("budget", budgets: [1]), form: form)
        #expect(problems.map(\.message) == ["申报书没有填写阶段，不能进行经费调整"])
    }

    @Test("twelve months later, the day clamped to the month")
    func months() {
        #expect(
            ChangeRequest.months(12, after: Day(year: 2024, month: 2, day: 29)!) == Day(year: 2025, month: 2, day: 28))
        #expect(
            ChangeRequest.months(12, after: Day(year: 2026, month: 12, day: 31)!) == Day(year: 2027, month: 12, day: 31)
        )
        #expect(
            ChangeRequest.months(2, after: Day(year: 2026, month: 11, day: 30)!) == Day(year: 2027, month: 1, day: 30))
    }

    @Test("approved, the change rewrites the plan's part and nothing else; the before is kept")
    func apply() throws {
        let form = Self.form
        let cases: [(ChangeRequest.Input, (ApplicationForm) -> Bool)] = [
            (Self.input("extension", newEnd: "2027-06-30"), { $0.period?.end == Day(year: 2027, month: 6, day: 30) }),
            (Self.input("content", content: " 新内容 "), { $0.mainContent == "新内容" }),
            (
                Self.input("partners", partners: ["乙研究所", "甲大学"]),
                {
                    $0.partners
                        == [Partner(name: "乙研究所", countryOrRegion: nil), Partner(name: "甲大学", countryOrRegion: "DE")]
                }
            ),
            (
                Self.input("budget", budgets: [60_000, 40_000]),
                { $0.phases?.map(\.budgetYuan) == [60_000, 40_000] && $0.phases?.map(\.goal) == ["一", "二"] }
            ),
            (Self.input("leader", leader: "李四"), { $0.leader == "李四" }),
        ]
        for (input, holds) in cases {
            let part = try #require(ChangeRequest.check(input, form: form).part)
            let after = part.apply(to: form)
            #expect(holds(after), "\(part)")
            #expect(after.projectName == form.projectName)
            #expect(after.requestedYuan == form.requestedYuan)
            // The before, read from the old form, applied again gives the old form back.
            #expect(ChangeRequest.Part.of(form, kind: part.kind).apply(to: after) == form, "\(part.kind)")
        }
    }

    @Test("the texts of the list: before → after")
    func texts() {
        let form = Self.form
        #expect(ChangeRequest.Part.of(form, kind: .extension).text == "2026年12月31日")
        #expect(ChangeRequest.Part.of(form, kind: .budget).text == "第1阶段3万元；第2阶段7万元")
        #expect(ChangeRequest.Part.of(form, kind: .partners).text == "甲大学")
        #expect(ChangeRequest.Kind.extension.label == "延期")
    }

    @Test("the decision: a refusal needs its comment; an approval may go without")
    func decision() {
        #expect(ChangeRequest.checkDecision(approve: true, comment: nil).problems.isEmpty)
        #expect(ChangeRequest.checkDecision(approve: false, comment: " ").problems.map(\.field) == ["comment"])
        #expect(ChangeRequest.checkDecision(approve: false, comment: "理由不足").comment == "理由不足")
        #expect(ChangeRequest.checkDecision(approve: nil, comment: nil).problems.map(\.field) == ["approve"])
        #expect(
            ChangeRequest.checkDecision(approve: true, comment: String(repeating: "意", count: 2001)).problems.first?
                .message
                == "省科协意见不能超过2000个字，当前为2001个字")
    }
}
