/// The kinds of recommender organisation (推荐单位) of the recommendation chain.
public enum RecommenderKind: String, Codable, CaseIterable, Hashable, Sendable {
    /// 县（市、区）科协: recommends to the city association of its own city.
    case county
    /// 市州科协
    case city
    /// 省级学会（协会、研究会）
    case provincialSociety
    /// 高校科协
    case university
    /// 企业（园区）科协
    case enterprise
    /// 全国学会
    case nationalSociety

    public var label: String {
        switch self {
        case .county: "县（市、区）科协"
        case .city: "市州科协"
        case .provincialSociety: "省级学会（协会、研究会）"
        case .university: "高校科协"
        case .enterprise: "企业（园区）科协"
        case .nationalSociety: "全国学会"
        }
    }

    /// Territorial recommenders only receive applicants of their own division (属地管理).
    public var isTerritorial: Bool { self == .county || self == .city }
}
