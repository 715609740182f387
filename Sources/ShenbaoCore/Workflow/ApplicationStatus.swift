/// Where an application stands on its way from draft to the funded list (docs/api.md, docs/rules.md §5–§8).
///
/// A returned application is `draft` again (its opinions are kept in the timeline); `rejected`
/// covers both 不予推荐 by a recommender and 不予受理 by the province, since for the applicant both
/// end the application the same way. Which recommender holds an `atRecommender` application is
/// the holder, not the status: a county forwarding to its city does not change it.
public enum ApplicationStatus: String, Codable, CaseIterable, Hashable, Sendable {
    case draft
    case atRecommender
    case atProvince
    case accepted
    case inReview
    case reviewed
    case funded
    case notFunded
    case inNotice
    case approved
    // After 立项 (issue 30): the funded project followed to its end.
    /// The unit uploaded its signed and stamped 项目任务书; the province has yet to confirm it.
    case agreementSubmitted
    /// 执行中: the agreement confirmed, the project runs (payments, changes, interim reports).
    case inProgress
    /// 验收中: the final report is in, the province judges it.
    case reporting
    /// 已验收: the province accepted the project against its goals.
    case acceptancePassed
    /// 验收不通过: not accepted; the unit may rectify (限期整改) and report again.
    case acceptanceFailed
    /// 已结题: nothing more happens.
    case closed
    case rejected
    case withdrawn

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .atRecommender: "待推荐单位审核"
        case .atProvince: "待省科协形式审查"
        case .accepted: "已受理"
        case .inReview: "评审中"
        case .reviewed: "已评审"
        case .funded: "拟资助"
        case .notFunded: "未获资助"
        case .inNotice: "公示中"
        case .approved: "已立项"
        case .agreementSubmitted: "任务书待确认"
        case .inProgress: "执行中"
        case .reporting: "验收中"
        case .acceptancePassed: "已验收"
        case .acceptanceFailed: "验收不通过"
        case .closed: "已结题"
        case .rejected: "未通过审核"
        case .withdrawn: "已撤回"
        }
    }

    /// Whether nothing can happen to the application any more.
    public var isFinal: Bool {
        Workflow.table.allSatisfy { $0.from != self }
    }
}
