import Testing

@testable import ShenbaoCore

@Suite struct DashboardFilterTests {
    static let questions = [
        Question(
            code: "format", label: "举办形式", kind: .singleChoice,
            options: [
                Option(code: "online", label: "线上"), Option(code: "offline", label: "线下"),
                Option(code: "hybrid", label: "线上线下结合", retired: true),
            ]),
        Question(
            code: "languages", label: "工作语言", kind: .multipleChoice,
            options: [
                Option(code: "zh", label: "中文"), Option(code: "en", label: "英文"),
                Option(code: "ru", label: "俄文", retired: true),
            ]),
        Question(code: "firstTime", label: "是否首次举办", kind: .yesNo),
        Question(code: "attendees", label: "预计参会人数", kind: .number),
    ]

    let call: CallDefinition

    init() throws {
        var call = try CallDefinition.guide2025()
        call.questions = Self.questions
        self.call = call
    }

    /// Three submitted applications answering differently, and one that answered nothing.
    static let inputs = [
        DashboardInput(
            category: .conference, status: .atProvince, requestedYuan: 100_000,
            answers: ["format": .text("online"), "languages": .choices(["zh", "en"]), "firstTime": .flag(true)]),
        DashboardInput(
            category: .conference, status: .accepted, requestedYuan: 150_000,
            answers: ["format": .text("offline"), "languages": .choices(["zh"]), "firstTime": .flag(false)]),
        DashboardInput(
            category: .cooperation, status: .atRecommender, requestedYuan: 200_000,
            answers: ["format": .text("hybrid"), "languages": .choices(["en", "ru"]), "attendees": .number(80)]),
        DashboardInput(category: .cooperation, status: .atRecommender, requestedYuan: 50_000),
        DashboardInput(
            category: .conference, status: .draft, requestedYuan: 999_000, answers: ["format": .text("online")]),
    ]

    @Test(
        "the figures count only the applications matching every filter",
        arguments: [
            ([], 4, 500_000),
            ([("q.format", "online")], 1, 100_000),
            ([("q.format", "offline")], 1, 150_000),
            ([("q.format", "hybrid")], 1, 200_000),  // retired, still chosen by one
            ([("q.languages", "zh")], 2, 250_000),  // includes 中文
            ([("q.languages", "en")], 2, 300_000),
            ([("q.languages", "ru")], 1, 200_000),
            ([("q.firstTime", "yes")], 1, 100_000),
            ([("q.firstTime", "no")], 1, 150_000),  // an unanswered yes/no is neither
            ([("q.languages", "zh"), ("q.format", "offline")], 1, 150_000),
            ([("q.languages", "en"), ("q.firstTime", "no")], 0, 0),
            ([("q.format", ""), ("callId", "2025"), ("other", "x")], 4, 500_000),  // 全部, and not ours
        ] as [([(String, String)], Int, Int)])
    func filtered(parameters: [(String, String)], applications: Int, requestedYuan: Int) throws {
        let (filter, problems) = DashboardFilter.parse(parameters.map { (name: $0.0, value: $0.1) }, call: call)
        #expect(problems.isEmpty)

        let dashboard = Dashboard(Self.inputs, call: call, filter: filter)

        #expect(dashboard.applications == applications)
        #expect(dashboard.requestedYuan == requestedYuan)
        #expect(dashboard.funnel.first?.count == applications)
        #expect(dashboard.groups.first { $0.dimension == .category }?.rows.map(\.count).reduce(0, +) == applications)
    }

    @Test(
        "a filter the call cannot answer is refused, naming its parameter",
        arguments: [
            ([("q.colour", "red")], "q.colour", "unknownField", "筛选条件 q.colour 不是本年度申报指南的补充问题"),
            ([("q.format", "boat")], "q.format", "invalidOption", "补充问题“举办形式”没有选项“boat”"),
            ([("q.firstTime", "true")], "q.firstTime", "invalidOption", "补充问题“是否首次举办”没有选项“true”"),
            ([("q.attendees", "80")], "q.attendees", "invalidValue", "补充问题“预计参会人数”不是单选、多选或是/否题，不能用于筛选"),
            ([("q.format", "online"), ("q.format", "offline")], "q.format", "duplicate", "补充问题“举办形式”只能按一个选项筛选"),
            (
                Array(repeating: ("q.format", ""), count: DashboardFilter.limit + 1), "q", "tooMany",
                "补充信息筛选条件最多30项，现为31项"
            ),
        ] as [([(String, String)], String, String, String)])
    func refused(parameters: [(String, String)], field: String, code: String, message: String) {
        let (filter, problems) = DashboardFilter.parse(parameters.map { (name: $0.0, value: $0.1) }, call: call)

        #expect(problems.contains(Problem(field: field, code: code, message: message)), "\(problems)")
        #expect(filter.choices.isEmpty)
    }

    @Test func everyProblemIsSaidAtOnce() {
        let (_, problems) = DashboardFilter.parse(
            [(name: "q.colour", value: "red"), (name: "q.format", value: "boat")], call: call)

        #expect(problems.map(\.field) == ["q.colour", "q.format"])
    }

    @Test func theChoiceQuestionsAreOfferedWithTheRetiredOptionsSomeoneChose() throws {
        let (filter, _) = DashboardFilter.parse([(name: "q.languages", value: "en")], call: call)

        let offers = Dashboard(Self.inputs, call: call, filter: filter).filters

        #expect(offers.map(\.code) == ["format", "languages", "firstTime"])  // no number question
        #expect(offers.map(\.selected) == [nil, "en", nil])
        #expect(offers[0].options.map(\.code) == ["online", "offline", "hybrid"])
        #expect(offers[1].options.map(\.code) == ["zh", "en", "ru"])
        #expect(offers[2].options.map(\.label) == ["是", "否"])
        // Nobody chose a retired option: it is not offered.
        let unchosen = Dashboard(Array(Self.inputs.prefix(2)), call: call).filters
        #expect(unchosen[0].options.map(\.code) == ["online", "offline"])
        #expect(unchosen[1].options.map(\.code) == ["zh", "en"])
        // …unless it is the one filtered by.
        let (byRetired, _) = DashboardFilter.parse([(name: "q.format", value: "hybrid")], call: call)
        let kept = Dashboard(Array(Self.inputs.prefix(2)), call: call, filter: byRetired)
        #expect(kept.filters[0].options.map(\.code) == ["online", "offline", "hybrid"])
        #expect(kept.applications == 0)
    }

    @Test func aCallWithoutChoiceQuestionsOffersNoFilter() throws {
        let plain = try CallDefinition.guide2025()

        #expect(Dashboard(Self.inputs, call: plain).filters.isEmpty)
        #expect(DashboardFilter.parse([(name: "q.format", value: "online")], call: plain).problems.count == 1)
    }
}
