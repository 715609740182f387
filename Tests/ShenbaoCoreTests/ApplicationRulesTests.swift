import ShenbaoTestSupport
import Testing

@testable import ShenbaoCore

/// One change to a valid form of `category`, and the problems it must give, as `field code`.
struct BrokenApplication: Sendable, CustomTestStringConvertible {
    let description: String
    let category: Category
    let expected: [String]
    let breakIt: @Sendable (inout ApplicationForm) -> Void

    init(
        _ description: String, _ category: Category, _ expected: [String],
        _ breakIt: @escaping @Sendable (inout ApplicationForm) -> Void
    ) {
        self.description = description
        self.category = category
        self.expected = expected
        self.breakIt = breakIt
    }

    /// A conference form broken.
    init(
        _ description: String, _ expected: [String], _ breakIt: @escaping @Sendable (inout ApplicationForm) -> Void
    ) {
        self.init(description, .conference, expected, breakIt)
    }

    var testDescription: String { description }
}

private func problems(
    _ form: ApplicationForm, _ category: Category = .conference,
    attachments: [AttachedFile] = CompleteApplication.attachmentsClaimingPriority
) throws -> [Problem] {
    ApplicationRules.problems(
        in: form, category: category, call: try CallDefinition.guide2025(), attachments: attachments)
}

private func day(_ text: String) -> Day { CompleteApplication.day(text) }
private func range(_ start: String, _ end: String) -> DayRange { CompleteApplication.range(start, end) }

/// `count` characters as a reader counts them: Chinese, an emoji and a family emoji of several
/// scalars, each one character.
private func text(count: Int) -> String {
    String(repeating: "湖", count: count - 2) + "🌏" + "👨‍👩‍👧"
}

private func phases(_ budgets: [Int?]) -> [Phase] {
    let periods = [range("2025-06-01", "2025-08-31"), range("2025-09-01", "2025-12-31")]
    return budgets.enumerated().map { index, budget in
        Phase(period: periods[index], budgetYuan: budget, goal: "目标")
    }
}

private func experts(_ countries: [String?]) -> [InvitedExpert] {
    countries.enumerated().map { index, country in
        InvitedExpert(name: "专家\(index)", countryOrRegion: country, affiliation: "某大学", title: "教授")
    }
}

private func members(_ fields: [String?]) -> [DelegationMember] {
    fields.enumerated().map { index, field in
        DelegationMember(name: "成员\(index)", field: field, affiliation: "湖南大学", title: "教授")
    }
}

private let cases: [BrokenApplication] = [
    // Cover
    .init("no project name", ["projectName required"]) { $0.projectName = nil },
    .init("a project name of spaces", ["projectName required"]) { $0.projectName = "  \n" },
    .init("a project name of 101 characters", ["projectName tooLong"]) {
        $0.projectName = String(repeating: "项", count: 101)
    },
    .init("a project name of 100 characters", []) { $0.projectName = String(repeating: "项", count: 100) },
    .init("no period", ["period.start required", "period.end required"]) { $0.period = nil },
    .init("a period without its end", ["period.end required"]) { $0.period?.end = nil },
    .init("a period ending on its first day", ["period.end endBeforeStart"]) {
        $0.period = range("2025-06-01", "2025-06-01")
    },
    .init("a period ending before it starts", ["period.end endBeforeStart"]) {
        $0.period = range("2025-12-31", "2025-06-01")
    },
    .init("no contact", ["contactName required"]) { $0.contactName = nil },
    .init("a contact phone without area code", ["contactPhone invalidPhone"]) { $0.contactPhone = "84884381" },
    .init("no contact phone", ["contactPhone required"]) { $0.contactPhone = "" },
    // Section 一
    .init("no leader", ["leader required"]) { $0.leader = nil },
    .init("no leader title", ["leaderTitle required"]) { $0.leaderTitle = nil },
    .init("a leader phone of letters", ["leaderPhone invalidPhone"]) { $0.leaderPhone = "abc" },
    .init("no cooperation basis", ["cooperationBasis required"]) { $0.cooperationBasis = nil },
    .init("a cooperation basis of 5001 characters", ["cooperationBasis tooLong"]) {
        $0.cooperationBasis = String(repeating: "基", count: 5001)
    },
    // Partners
    .init("no partner", ["partners required"]) { $0.partners = [] },
    .init("a partner without name", ["partners[0].name required"]) { $0.partners?[0].name = nil },
    .init("a partner without country", ["partners[0].countryOrRegion required"]) {
        $0.partners?[0].countryOrRegion = " "
    },
    .init("a partner in an unknown country", ["partners[1].countryOrRegion unknownOption"]) {
        $0.partners?.append(Partner(name: "某机构", countryOrRegion: "XX"))
    },
    .init("a country code in lower case", []) { $0.partners?[0].countryOrRegion = "de" },
    .init("51 partners", ["partners tooMany"]) {
        $0.partners = Array(repeating: Partner(name: "某机构", countryOrRegion: "JP"), count: 51)
    },
    // Cooperation content and fields
    .init("no cooperation content", ["cooperationContent.codes required"]) { $0.cooperationContent = nil },
    .init("an option of the other category", ["cooperationContent.codes unknownOption"]) {
        $0.cooperationContent?.codes = ["hostSymposium", "delegationAbroad"]
    },
    .init("an option ticked twice", ["cooperationContent.codes duplicate"]) {
        $0.cooperationContent?.codes = ["hostSymposium", "hostSymposium"]
    },
    .init("other without its text", ["cooperationContent.other otherTextRequired"]) {
        $0.cooperationContent = Choices(codes: ["hostSymposium", "other"], other: " ")
    },
    .init("other's text without other", ["cooperationContent.other otherNotChecked"]) {
        $0.cooperationContent = Choices(codes: ["hostSymposium"], other: "联合培训")
    },
    .init("other with its text", []) {
        $0.cooperationContent = Choices(codes: ["other"], other: "联合培训")
    },
    .init("no field", ["fields.codes required"]) { $0.fields = Choices(codes: []) },
    .init("an unknown field", ["fields.codes unknownOption"]) { $0.fields?.codes = ["astrology"] },
    .init("field other without text", ["fields.other otherTextRequired"]) {
        $0.fields = Choices(codes: ["other"])
    },
    // Section 二 texts
    .init("no main content", ["mainContent required"]) { $0.mainContent = nil },
    .init("no expected goals", ["expectedGoals required"]) { $0.expectedGoals = nil },
    .init("no highlights", ["highlights required"]) { $0.highlights = "" },
    .init("main content of 5001 characters", ["mainContent tooLong"]) {
        $0.mainContent = String(repeating: "容", count: 5001)
    },
    // Phases
    .init("no phase", ["phases required"]) { $0.phases = [] },
    .init("a phase without start", ["phases[0].period.start required"]) { $0.phases?[0].period?.start = nil },
    .init("a phase without period", ["phases[1].period.start required", "phases[1].period.end required"]) {
        $0.phases?[1].period = nil
    },
    .init("a phase ending before it starts", ["phases[0].period.end endBeforeStart"]) {
        $0.phases?[0].period = range("2025-08-31", "2025-06-01")
    },
    .init("a phase of one day", []) {
        $0.phases?[0].period = range("2025-06-01", "2025-06-01")
    },
    .init("a phase ending on the period's last day", []) {
        $0.phases?[1].period?.end = day("2025-12-31")
    },
    .init("a phase ending a day after the period", ["phases[1].period.end outsidePeriod"]) {
        $0.phases?[1].period?.end = day("2026-01-01")
    },
    .init("a phase starting a day before the period", ["phases[0].period.start outsidePeriod"]) {
        $0.phases?[0].period?.start = day("2025-05-31")
    },
    .init("a phase after the period", ["phases[1].period.start outsidePeriod", "phases[1].period.end outsidePeriod"]) {
        $0.phases?[1].period = range("2026-01-01", "2026-02-01")
    },
    .init("phases sharing one day", ["phases[1].period.start overlapping"]) {
        $0.phases?[1].period?.start = day("2025-08-31")
    },
    .init("a third phase overlapping both", ["phases[2].period.start overlapping"]) {
        $0.phases?[0].budgetYuan = 40_000
        $0.phases?.append(Phase(period: range("2025-08-01", "2025-09-30"), budgetYuan: 40_000, goal: "交流"))
    },
    .init("a phase without budget", ["phases[0].budgetYuan required"]) { $0.phases?[0].budgetYuan = nil },
    .init("a phase of zero yuan", ["phases[1].budgetYuan notPositive"]) { $0.phases = phases([150_000, 0]) },
    .init("a phase of negative yuan", ["phases[0].budgetYuan notPositive"]) { $0.phases = phases([-1, 60_000]) },
    .init("a phase without goal", ["phases[0].goal required"]) { $0.phases?[0].goal = nil },
    .init("21 phases", ["phases tooMany"]) {
        $0.phases = (1...21).map { dayOfJune in
            let date = "2025-06-\(dayOfJune < 10 ? "0" : "")\(dayOfJune)"
            return Phase(period: range(date, date), budgetYuan: 5_000, goal: "目标")
        }
    },
    // Requested amount
    .init("exactly 50,000 yuan", []) { $0.phases = phases([25_000, 25_000]) },
    .init("49,999 yuan", ["requestedYuan outOfBounds"]) { $0.phases = phases([25_000, 24_999]) },
    .init("exactly 200,000 yuan", []) { $0.phases = phases([100_000, 100_000]) },
    .init("200,001 yuan", ["requestedYuan outOfBounds"]) { $0.phases = phases([100_000, 100_001]) },
    .init("budgets overflowing an Int", ["requestedYuan outOfBounds"]) { $0.phases = phases([Int.max, Int.max]) },
    // Invited experts
    .init("no invited expert", ["invitedExperts required"]) { $0.invitedExperts = nil },
    .init("experts from China, Hong Kong and Taiwan", ["invitedExperts tooFewCountries"]) {
        $0.invitedExperts = experts(["CN", "HK", "TW"])
    },
    .init("experts from Hong Kong, Macao, Germany", ["invitedExperts tooFewCountries"]) {
        $0.invitedExperts = experts(["HK", "MO", "DE"])
    },
    .init("experts from China, Germany, United States", []) { $0.invitedExperts = experts(["CN", "DE", "US"]) },
    .init("experts from Hong Kong, Germany, Japan", []) { $0.invitedExperts = experts(["HK", "DE", "JP"]) },
    .init(
        "an expert of unknown country",
        ["invitedExperts[2].countryOrRegion unknownOption", "invitedExperts tooFewCountries"]
    ) {
        $0.invitedExperts = experts(["CN", "DE", "ZZ"])
    },
    .init("an expert without affiliation", ["invitedExperts[1].affiliation required"]) {
        $0.invitedExperts?[1].affiliation = nil
    },
    .init("an expert without name and title", ["invitedExperts[0].name required", "invitedExperts[0].title required"]) {
        $0.invitedExperts?[0].name = nil
        $0.invitedExperts?[0].title = nil
    },
    .init("a cooperation project without experts", .cooperation, []) { $0.invitedExperts = nil },
    // Delegation
    .init("a delegation of two", .cooperation, ["delegationMembers tooFewMembers"]) {
        $0.delegationMembers = members(["新材料", "新材料"])
    },
    .init("no delegation", .cooperation, ["delegationMembers required"]) { $0.delegationMembers = [] },
    .init("a delegation of mixed fields", .cooperation, ["delegationMembers mixedFields"]) {
        $0.delegationMembers = members(["新材料", "新材料", "生物医药"])
    },
    .init("fields differing only by spaces", .cooperation, []) {
        $0.delegationMembers = members(["新材料", " 新材料", "新材料　"])
    },
    .init("a member without field", .cooperation, ["delegationMembers[2].field required"]) {
        $0.delegationMembers = members(["新材料", "新材料", nil])
    },
    .init("a cooperation project without the delegation option", .cooperation, []) {
        $0.cooperationContent = Choices(codes: ["foundOrganization"])
        $0.delegationMembers = nil
    },
    .init("a conference project ignores delegation members", []) { $0.delegationMembers = members(["a"]) },
    // Summary table
    .init("a summary content of 300 characters", []) { $0.summaryContent = text(count: 300) },
    .init("a summary content of 301 characters", ["summaryContent tooLong"]) { $0.summaryContent = text(count: 301) },
    .init("a summary content of 300 characters and a trailing newline", []) {
        $0.summaryContent = text(count: 300) + "\n"
    },
    .init("a summary basis of 400 characters", []) { $0.summaryBasis = text(count: 400) },
    .init("a summary basis of 401 characters", ["summaryBasis tooLong"]) { $0.summaryBasis = text(count: 401) },
    .init("no summary content", ["summaryContent required"]) { $0.summaryContent = nil },
    .init("no summary basis", ["summaryBasis required"]) { $0.summaryBasis = nil },
    // Declarations
    .init("not an independent legal person", ["eligibilityDeclarations.independentLegalPerson notConfirmed"]) {
        $0.eligibilityDeclarations?.independentLegalPerson = false
    },
    .init("subcontracting not excluded", ["eligibilityDeclarations.noSubcontracting notConfirmed"]) {
        $0.eligibilityDeclarations?.noSubcontracting = false
    },
    .init("no team and controls", ["eligibilityDeclarations.teamAndControls notConfirmed"]) {
        $0.eligibilityDeclarations?.teamAndControls = false
    },
    .init("law compliance unconfirmed", ["eligibilityDeclarations.lawCompliance notConfirmed"]) {
        $0.eligibilityDeclarations?.lawCompliance = nil
    },
    // Priority claims
    .init("no priority claim", []) { $0.priorityClaims = nil },
    .init("a priority claim without evidence", ["priorityClaims[0].evidence evidenceRequired"]) {
        $0.priorityClaims?[0].evidence = "  "
    },
    .init("an unknown priority condition", ["priorityClaims[0].code unknownOption"]) {
        $0.priorityClaims?[0].code = "famous"
    },
    .init("a priority claim without code", ["priorityClaims[0].code required"]) {
        $0.priorityClaims?[0].code = nil
    },
    .init("a priority condition claimed twice", ["priorityClaims[1].code duplicate"]) {
        $0.priorityClaims?.append(PriorityClaim(code: "recentInternationalEvents", evidence: "另一次会议"))
    },
    // Commitment
    .init("commitment not accepted", ["commitment.accepted notConfirmed"]) { $0.commitment?.accepted = false },
    .init("no commitment", ["commitment.accepted notConfirmed"]) { $0.commitment = nil },
]

@Suite("申报书完整性规则")
struct ApplicationRulesTests {
    @Test func validConferenceFormHasNoProblem() throws {
        #expect(try problems(CompleteApplication.conference(claimingPriority: true), .conference) == [])
    }

    @Test func validCooperationFormHasNoProblem() throws {
        #expect(try problems(CompleteApplication.cooperation(claimingPriority: true), .cooperation) == [])
    }

    @Test("one broken rule gives exactly its problems", arguments: cases)
    func brokenRule(broken: BrokenApplication) throws {
        var form =
            broken.category == .conference
            ? CompleteApplication.conference(claimingPriority: true)
            : CompleteApplication.cooperation(claimingPriority: true)
        broken.breakIt(&form)
        let found = try problems(form, broken.category)
        #expect(found.map { "\($0.field) \($0.code)" } == broken.expected)
        #expect(found.allSatisfy { !$0.message.isEmpty })
    }

    @Test func messagesNameTheFieldAsTheFormDoes() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.projectName = nil
        form.phases?[1].budgetYuan = 0
        form.summaryContent = text(count: 301)
        let messages = try problems(form).map(\.message)
        #expect(
            messages == [
                "请填写项目名称",
                "第2阶段的经费预算应大于0",
                "项目主要内容（汇总表）不能超过300个字，当前为301个字",
            ])
    }

    @Test func amountMessageGivesBoundsAndTotalInWanAndYuan() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.phases = phases([25_000, 24_999])
        #expect(
            try problems(form).map(\.message) == [
                "申请经费（各阶段经费预算合计）应在5万元至20万元之间，当前合计为4.9999万元（49999元）"
            ])
    }

    @Test func countryMessageCountsHongKongAsChina() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.invitedExperts = experts(["CN", "HK", "TW"])
        #expect(
            try problems(form).map(\.message) == [
                "参会专家应来自3个及以上的国家或地区（港、澳、台地区计入中国），当前为1个（中国）"
            ])
    }

    @Test func overlapMessageNamesEveryEarlierPhase() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.phases = [
            Phase(period: range("2025-06-01", "2025-06-30"), budgetYuan: 20_000, goal: "一"),
            Phase(period: range("2025-07-01", "2025-07-31"), budgetYuan: 20_000, goal: "二"),
            Phase(period: range("2025-06-15", "2025-07-15"), budgetYuan: 20_000, goal: "三"),
        ]
        #expect(
            try problems(form).map(\.message) == [
                "第3阶段与第1、2阶段的时间重叠（同一天也算重叠），各阶段的时间不能交叉"
            ])
    }

    @Test func phaseOutsidePeriodMessageShowsThePeriod() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.phases?[1].period?.end = day("2026-01-01")
        #expect(
            try problems(form).map(\.message) == [
                "第2阶段的结束日期（2026年1月1日）不在项目期限（2025年6月1日至2025年12月31日）内"
            ])
    }

    @Test func declarationMessageQuotesTheCondition() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.eligibilityDeclarations?.lawCompliance = false
        let call = try CallDefinition.guide2025()
        let label = try #require(call.eligibilityConditions.first { $0.code == "lawCompliance" }?.label)
        #expect(try problems(form).map(\.message) == ["请确认申报条件：\(label)"])
    }

    @Test func mixedFieldsMessageListsTheFields() throws {
        var form = CompleteApplication.cooperation(claimingPriority: true)
        form.delegationMembers = members(["新材料", "生物医药", "新材料"])
        #expect(
            try problems(form, .cooperation).map(\.message) == [
                "同一科技团体成员的研究领域应相同，当前填写了2个不同的领域：“新材料”、“生物医药”"
            ])
    }

    @Test func everyDeclarationMissingGivesFourProblems() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.eligibilityDeclarations = nil
        #expect(
            try problems(form).map(\.field) == [
                "eligibilityDeclarations.independentLegalPerson", "eligibilityDeclarations.noSubcontracting",
                "eligibilityDeclarations.teamAndControls", "eligibilityDeclarations.lawCompliance",
            ])
    }

    @Test(
        "missing attachments",
        arguments: [
            ([], ["attachments.signedScan", "attachments.nonConfidentiality"]),
            ([.evidence], ["attachments.signedScan", "attachments.nonConfidentiality"]),
            ([.signedScan], ["attachments.nonConfidentiality"]),
            ([.nonConfidentiality, .evidence], ["attachments.signedScan"]),
            ([.signedScan, .nonConfidentiality], []),
        ] as [([AttachmentKind], [String])])
    func missingAttachments(attachments: [AttachmentKind], fields: [String]) throws {
        // The evidence the valid form needs is there; only `attachments` change.
        let evidence = [AttachedFile(.evidence, condition: "recentInternationalEvents")]
        let found = try problems(
            CompleteApplication.conference(claimingPriority: true),
            attachments: attachments.map { AttachedFile($0) } + evidence)
        #expect(found.map(\.field) == fields)
        #expect(found.allSatisfy { $0.code == "missingAttachment" })
        if fields.first == "attachments.signedScan" {
            #expect(found.first?.message == "请上传申报书签字盖章扫描件")
        }
    }

    /// The guide: "附件中应包含能证明符合申报条件、项目申报书中所述情况和申报单位优势的有关佐证材料".
    @Test(
        "evidence: at least one file, and one named for each priority condition claimed",
        arguments: [
            // No evidence at all: both the general rule and the claimed condition.
            (
                [], ["recentInternationalEvents"],
                [
                    "attachments.evidence missingAttachment",
                    "attachments.evidence.recentInternationalEvents missingEvidence",
                ]
            ),
            // General evidence only: the claim still lacks its own.
            ([nil], ["recentInternationalEvents"], ["attachments.evidence.recentInternationalEvents missingEvidence"]),
            // Evidence named for the claim is evidence too.
            (["recentInternationalEvents"], ["recentInternationalEvents"], []),
            // Evidence for another condition does not prove this one.
            (
                ["overseasTalentBase"], ["recentInternationalEvents"],
                ["attachments.evidence.recentInternationalEvents missingEvidence"]
            ),
            // Two claims, one proven.
            (
                ["overseasTalentBase"], ["overseasTalentBase", "organizationLeadership"],
                ["attachments.evidence.organizationLeadership missingEvidence"]
            ),
            // No claim: one general file is enough.
            ([nil], [], []),
            // An unknown or repeated claim is its own problem, not an evidence one.
            ([nil], ["noSuchCondition"], ["priorityClaims[0].code unknownOption"]),
            (
                ["overseasTalentBase"], ["overseasTalentBase", "overseasTalentBase"],
                ["priorityClaims[1].code duplicate"]
            ),
        ] as [([String?], [String], [String])])
    func evidence(files: [String?], claims: [String], expected: [String]) throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.priorityClaims = claims.map { PriorityClaim(code: $0, evidence: "见佐证材料") }
        let attachments =
            [AttachedFile(.signedScan), AttachedFile(.nonConfidentiality)]
            + files.map { AttachedFile(.evidence, condition: $0) }
        let found = try problems(form, attachments: attachments)
        #expect(found.map { "\($0.field) \($0.code)" } == expected)
    }

    @Test func missingEvidenceNamesTheCondition() throws {
        let found = try problems(
            CompleteApplication.conference(claimingPriority: true),
            attachments: [AttachedFile(.signedScan), AttachedFile(.nonConfidentiality)])
        #expect(
            found.map(\.message) == [
                "请上传佐证材料（能证明符合申报条件、申报书中所述情况和申报单位优势的材料），至少一份",
                "请上传优先考虑条件“近三年与国际科技组织举办过具有国际影响力的国际学术会议、专题沙龙、合作培训等活动的单位”的佐证材料（上传佐证材料时选择该条件）",
            ])
    }

    @Test func emptyConferenceFormReportsEveryRequiredFieldAtOnceInFormOrder() throws {
        let found = try problems(ApplicationForm(), .conference, attachments: [])
        #expect(
            found.map { "\($0.field) \($0.code)" } == [
                "projectName required", "period.start required", "period.end required",
                "contactName required", "contactPhone required", "leader required", "leaderTitle required",
                "leaderPhone required", "cooperationBasis required", "partners required",
                "cooperationContent.codes required", "fields.codes required", "mainContent required",
                "expectedGoals required", "highlights required", "phases required", "invitedExperts required",
                "summaryContent required", "summaryBasis required",
                "eligibilityDeclarations.independentLegalPerson notConfirmed",
                "eligibilityDeclarations.noSubcontracting notConfirmed",
                "eligibilityDeclarations.teamAndControls notConfirmed",
                "eligibilityDeclarations.lawCompliance notConfirmed",
                "commitment.accepted notConfirmed",
                "attachments.signedScan missingAttachment", "attachments.nonConfidentiality missingAttachment",
                "attachments.evidence missingAttachment",
            ])
        #expect(found.allSatisfy { $0.code != "required" || $0.message.hasPrefix("请") })
    }

    @Test func emptyCooperationFormNeedsNoExperts() throws {
        let fields = try problems(ApplicationForm(), .cooperation, attachments: []).map(\.field)
        #expect(!fields.contains("invitedExperts"))
        #expect(!fields.contains("delegationMembers"))
        #expect(fields.contains("partners"))
    }

    @Test func aCategoryTheCallLacksIsReported() throws {
        var call = try CallDefinition.guide2025()
        call.categories.removeAll { $0.code == .cooperation }
        let found = ApplicationRules.problems(
            in: CompleteApplication.cooperation(claimingPriority: true), category: .cooperation, call: call,
            attachments: CompleteApplication.attachmentsClaimingPriority)
        #expect(found.first?.field == "category")
    }

    @Test func hugeListsGiveOneProblemNotOnePerRow() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.partners = Array(repeating: Partner(), count: 10_000)
        let found = try problems(form)
        #expect(found.first?.code == "tooMany")
        #expect(found.first?.message == "合作单位最多50个，当前为10000个")
        #expect(found.count == 1 + 50 * 2)
    }
}
