/// Where a call stands. Each phase gates the start of one kind of work (docs/rules.md §2).
public enum CallPhase: String, Codable, CaseIterable, Hashable, Sendable {
    case draft, open, intake, review, meeting, notice, published, closed

    public var label: String {
        switch self {
        case .draft: "筹备中"
        case .open: "申报中"
        case .intake: "形式审查"
        case .review: "专家评审"
        case .meeting: "会议审议"
        case .notice: "公示中"
        case .published: "已发布立项名单"
        case .closed: "已结束"
        }
    }
}
