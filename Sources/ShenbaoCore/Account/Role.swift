/// What a user account may do (product.md §1).
public enum Role: String, Codable, CaseIterable, Hashable, Sendable {
    case applicant, recommender, province, finance, expert

    public var label: String {
        switch self {
        case .applicant: "申报单位用户"
        case .recommender: "推荐单位用户"
        case .province: "省科协管理员"
        case .finance: "省财政厅用户"
        case .expert: "评审专家"
        }
    }
}
