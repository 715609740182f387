/// The state of a call at a glance (统计): how many applications, asking for how much, by each
/// dimension the province and finance look at, and how far they have come.
///
/// Drafts are left out: until it is submitted an application is its applicant's business.
public struct Dashboard: Codable, Hashable, Sendable {
    /// One bar of a chart: `count` applications asking for `amountYuan` in all.
    public struct Row: Codable, Hashable, Sendable {
        /// The code of what is counted (a category, a field, a city code, a status…), or its label
        /// when it has no code (a recommender's name).
        public var key: String
        public var label: String
        public var count: Int
        public var amountYuan: Int

        public init(key: String, label: String, count: Int, amountYuan: Int) {
            self.key = key
            self.label = label
            self.count = count
            self.amountYuan = amountYuan
        }
    }

    public struct Group: Codable, Hashable, Sendable {
        public var dimension: DashboardDimension
        public var title: String
        /// What a reader should know to read the numbers right, if anything.
        public var note: String?
        public var rows: [Row]
    }

    /// One step of the funnel. Until the meeting, `amountYuan` is what was asked; from 拟资助 on,
    /// what the meeting decided (or what was asked, where it recorded no amount).
    public struct Stage: Codable, Hashable, Sendable {
        public var stage: DashboardStage
        public var label: String
        public var count: Int
        public var amountYuan: Int
    }

    public var applications: Int
    public var requestedYuan: Int
    public var fundedYuan: Int
    public var groups: [Group]
    public var funnel: [Stage]
    /// The call's choice questions the figures can be narrowed by, each with its options and the
    /// one filtered by now (DashboardFilter).
    public var filters: [DashboardFilter.Offer]

    /// Counts `inputs`, only those matching every choice of `filter`.
    public init(_ inputs: [DashboardInput], call: CallDefinition, filter: DashboardFilter = DashboardFilter()) {
        let submitted = inputs.filter { $0.status != .draft }
        filters = filter.offers(call: call, answers: submitted.map(\.answers))
        let counted = submitted.filter { filter.matches($0.answers) }
        applications = counted.count
        requestedYuan = counted.reduce(0) { Self.sum($0, $1.requestedYuan) }
        fundedYuan = counted.filter { DashboardStage.funded.isPassed(by: $0) }.reduce(0) {
            Self.sum($0, $1.fundedYuan ?? $1.requestedYuan)
        }
        groups = DashboardDimension.allCases.map { DashboardGrouping.group($0, of: counted, call: call) }
        funnel = DashboardStage.allCases.map { stage in
            let passed = counted.filter { stage.isPassed(by: $0) }
            // From 拟资助 on, what the meeting decided.
            let decided = DashboardStage.allCases.drop { $0 != .funded }.contains(stage)
            return Stage(
                stage: stage, label: stage.label, count: passed.count,
                amountYuan: passed.reduce(0) {
                    Self.sum($0, decided ? $1.fundedYuan ?? $1.requestedYuan : $1.requestedYuan)
                }
            )
        }
    }

    /// Money adds up without trapping: an absurd amount is the rules' to refuse, never a crash.
    static func sum(_ total: Int, _ amount: Int?) -> Int {
        let (result, overflow) = total.addingReportingOverflow(max(0, amount ?? 0))
        return overflow ? Int.max : result
    }
}
