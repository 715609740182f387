import Foundation

/// The written opinions that go with a decision on an application or a recommender: the one rule
/// every one of them follows (trimmed; at most 2,000 characters; required when its decision needs
/// a reason) and the one wording of each problem, naming the opinion by its label.
public enum Opinion: String, CaseIterable, Sendable {
    /// 推荐单位意见: every recommender decision carries one (the form prints it).
    case recommendation
    /// 形式审查意见: a reason is needed to return or reject, not to accept.
    case intake
    /// 评审意见: every expert review.
    case review
    /// 预算意见: a reason is needed to reduce the amount, not to agree.
    case finance
    /// 处理事由: the facts of a 弄虚作假 sanction.
    case sanction
    /// 处理意见（核查情况）: the province's answer to an objection.
    case objectionResolution
    /// 退回任务书的理由: what the unit must correct in its signed agreement.
    case agreementReturn
    /// 退回报告的意见: what the unit must change in its report.
    case reportReturn
    /// 验收意见: the province's acceptance opinion, with or without a pass.
    case acceptance

    public static let maximumLength = 2000

    /// The field the opinion is sent in.
    public var field: String { self == .sanction ? "reason" : "comment" }

    /// The opinion's name in the messages (the label beside its field).
    public var label: String {
        switch self {
        case .recommendation: "推荐单位意见"
        case .intake: "退回或不予受理的理由"
        case .review: "评审意见"
        case .finance: "核减理由"
        case .sanction: "处理事由（弄虚作假的事实）"
        case .objectionResolution: "处理意见（核查情况）"
        case .agreementReturn: "退回任务书的理由"
        case .reportReturn: "退回报告的意见"
        case .acceptance: "验收意见"
        }
    }

    /// `value` trimmed and its problems: missing when `required`, too long past the limit.
    public func check(_ value: String?, required: Bool = true) -> (text: String, problems: [Problem]) {
        let text = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.isEmpty {
            return ("", required ? [TextRules.missing(field: field, label: label)] : [])
        }
        return (text, TextRules.maximumLength(text, Self.maximumLength, field: field, label: label))
    }
}
