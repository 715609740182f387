/// The phases of a call an application passes, in order: the progress funnel of the dashboards.
public enum DashboardStage: String, Codable, CaseIterable, Hashable, Sendable {
    case submitted
    case recommended
    case accepted
    case reviewed
    case funded
    case approved
    /// 执行中: the agreement confirmed (issue 30), whatever came after.
    case underway
    /// 验收通过: the province accepted the project (closed after passing too).
    case acceptancePassed

    public var label: String {
        switch self {
        case .submitted: "已提交"
        case .recommended: "已推荐至省科协"
        case .accepted: "已受理"
        case .reviewed: "已完成评审"
        case .funded: "拟资助"
        case .approved: "已立项"
        case .underway: "已进入执行"
        case .acceptancePassed: "验收通过"
        }
    }

    /// Whether an application has passed this stage. Each stage asks for more than the one
    /// before, so the funnel never widens.
    public func isPassed(by input: DashboardInput) -> Bool {
        Self.depth(of: input) >= depth
    }

    private var depth: Int {
        switch self {
        case .submitted: 1
        case .recommended: 2
        case .accepted: 3
        case .reviewed: 4
        case .funded: 5
        case .approved: 6
        case .underway: 7
        case .acceptancePassed: 8
        }
    }

    /// How far an application has come, read from the transition table's order (Workflow):
    /// under review counts as accepted, not funded as reviewed, in notice as funded. An
    /// application the meeting funded and an objection then took back is not funded now.
    private static func depth(of input: DashboardInput) -> Int {
        switch input.status {
        case .draft: 0
        case .atRecommender: 1
        case .atProvince: 2
        case .accepted, .inReview: 3
        case .reviewed, .notFunded: 4
        case .funded, .inNotice: 5
        case .approved, .agreementSubmitted: 6
        case .inProgress, .reporting, .acceptanceFailed: 7
        case .acceptancePassed: 8
        // Closed after its acceptance: passed or not, only the decision says (DashboardInput).
        case .closed: input.passedAcceptance ? 8 : 7
        // Refusal and withdrawal happen before acceptance only (Workflow.table).
        case .rejected, .withdrawn: input.reachedProvince ? 2 : 1
        }
    }
}
