/// What the award letter (立项通知书) and the agreement (项目任务书) say about one funded project,
/// taken from the application as submitted and the meeting's decision: one value, so the two
/// documents cannot disagree about a name, a number or an amount.
public struct ProjectFacts: Equatable, Sendable {
    public struct Phase: Equatable, Sendable {
        public var period: String
        public var budgetWan: String
        public var goal: String
    }

    public var programme: String
    public var projectName: String
    public var applicationNumber: String
    public var organization: String
    public var categoryLabel: String
    public var leader: String
    public var amountYuan: Int
    public var period: DayRange?
    public var goals: String
    public var phases: [Phase]
    public var issuer: String
    /// The day the funded list was published: the letter's date.
    public var publishedOn: Day

    public init(
        programme: String, projectName: String, applicationNumber: String, organization: String,
        categoryLabel: String, leader: String, amountYuan: Int, period: DayRange?, goals: String,
        phases: [ShenbaoCore.Phase], issuer: String, publishedOn: Day
    ) {
        self.programme = programme
        self.projectName = projectName
        self.applicationNumber = applicationNumber
        self.organization = organization
        self.categoryLabel = categoryLabel
        self.leader = leader
        self.amountYuan = amountYuan
        self.period = period
        self.goals = goals
        self.phases = phases.map {
            Phase(
                period: Self.text($0.period), budgetWan: $0.budgetYuan.map(WanAmount.wanText) ?? "",
                goal: $0.goal ?? "")
        }
        self.issuer = issuer
        self.publishedOn = publishedOn
    }

    public var amountWan: String { WanAmount.wanText(amountYuan) }

    /// 2025年6月1日至2025年12月31日, or 未填写 when a day is missing.
    public var periodText: String { Self.text(period) }

    public static func text(_ range: DayRange?) -> String {
        guard let start = range?.start, let end = range?.end else { return "未填写" }
        return "\(start.chinese)至\(end.chinese)"
    }
}
