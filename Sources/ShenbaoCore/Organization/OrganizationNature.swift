/// 单位性质, as the summary table (form 3) lists it.
public enum OrganizationNature: String, Codable, CaseIterable, Hashable, Sendable {
    case enterprise, institution, society, other

    public var label: String {
        switch self {
        case .enterprise: "企业"
        case .institution: "事业单位"
        case .society: "社团"
        case .other: "其他"
        }
    }
}
