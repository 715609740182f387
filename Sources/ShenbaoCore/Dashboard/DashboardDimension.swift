/// What the dashboards count applications by.
public enum DashboardDimension: String, Codable, CaseIterable, Hashable, Sendable {
    case category
    case field
    case city
    case applicantKind
    case recommender
    case status

    public var title: String {
        switch self {
        case .category: "项目类别"
        case .field: "合作领域"
        case .city: "市州"
        case .applicantKind: "申报单位类别"
        case .recommender: "推荐单位"
        case .status: "办理状态"
        }
    }
}
