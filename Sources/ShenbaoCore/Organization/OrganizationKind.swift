/// What an organisation is to the system.
public enum OrganizationKind: String, Codable, CaseIterable, Hashable, Sendable {
    /// 申报单位
    case applicant
    /// 推荐单位
    case recommender
    /// 省科协, the final authority of a call.
    case province
}
