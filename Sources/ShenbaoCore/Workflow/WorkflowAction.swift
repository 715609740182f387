/// Every change of an application's status, as the timeline records it (docs/rules.md §5–§8).
///
/// A recommender's 推荐 is two actions, because where it goes is part of the step: a county
/// association forwards to its city's association (`recommendToCity`, the application stays
/// `atRecommender` with a new holder) and every other recommender sends to the province
/// (`recommendToProvince`). `RecommendationRoute.next(after:divisions:)` says which one applies,
/// so the transition table stays a plain function of status, action and role.
public enum WorkflowAction: String, Codable, CaseIterable, Hashable, Sendable {
    /// 提交: the applicant sends a complete draft to the recommender it chose.
    case submit
    /// 撤回: the applicant takes the application back before the province accepts it.
    case withdraw
    /// 推荐至市州科协: a county association forwards to its city's association.
    case recommendToCity
    /// 推荐至省科协: a city association or a non-territorial recommender sends to the province.
    case recommendToProvince
    /// 退回修改: a recommender or the province sends it back to the applicant as a draft.
    case returnForRevision
    /// 不予推荐 (recommender) or 不予受理 (province).
    case reject
    /// 受理: the province accepts it after intake (形式审查).
    case accept
    /// 进入评审: the province assigns experts and the review starts.
    case startReview
    /// 完成评审: the reviews are in.
    case completeReview
    /// 拟资助: the meeting decides to fund it (also reverses an earlier "not funded").
    case decideFunded
    /// 不予资助: the meeting decides not to fund it (also reverses an earlier "funded").
    case decideNotFunded
    /// 开始公示: the funded projects go on public notice.
    case startNotice
    /// 异议成立: an upheld objection takes the project off the list.
    case upholdObjection
    /// 立项: the notice ended without a standing objection and the list is published.
    case approve
    /// 提交任务书: the unit uploads its signed and stamped agreement.
    case submitAgreement
    /// 退回任务书: the province sends the agreement back to be corrected and uploaded again.
    case returnAgreement
    /// 确认任务书: the province confirms the agreement; the project is underway.
    case confirmAgreement
    /// 提交总结报告: the unit reports at the end (again after a rectification).
    case submitFinalReport
    /// 退回总结报告: the province asks for changes to the final report.
    case returnFinalReport
    /// 验收通过 / 验收不通过: the province's acceptance opinion.
    case passAcceptance
    case failAcceptance
    /// 结题: the province closes the project.
    case close

    public var label: String {
        switch self {
        case .submit: "提交"
        case .withdraw: "撤回"
        case .recommendToCity: "推荐至市州科协"
        case .recommendToProvince: "推荐至省科协"
        case .returnForRevision: "退回修改"
        case .reject: "不予推荐/不予受理"
        case .accept: "受理"
        case .startReview: "进入专家评审"
        case .completeReview: "完成评审"
        case .decideFunded: "拟资助"
        case .decideNotFunded: "不予资助"
        case .startNotice: "开始公示"
        case .upholdObjection: "异议成立，撤销资助"
        case .approve: "立项"
        case .submitAgreement: "提交任务书"
        case .returnAgreement: "退回任务书"
        case .confirmAgreement: "确认任务书"
        case .submitFinalReport: "提交总结报告"
        case .returnFinalReport: "退回总结报告"
        case .passAcceptance: "验收通过"
        case .failAcceptance: "验收不通过"
        case .close: "结题"
        }
    }

    /// The label as the role doing it would write it: a recommender 不予推荐, the province 不予受理.
    public func label(by role: Role) -> String {
        switch (self, role) {
        case (.reject, .recommender): "不予推荐"
        case (.reject, .province): "不予受理"
        default: label
        }
    }
}
