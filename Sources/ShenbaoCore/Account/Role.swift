/// What a user account may do (docs/rules.md §1).
///
/// The system administrator and the audit administrator are apart from the business roles, as
/// 等保2.0 (GB/T 22239-2019) level 3 asks: the first runs accounts and settings and none of a
/// call's business; the second reads the audit trail and changes nothing.
public enum Role: String, Codable, CaseIterable, Hashable, Sendable {
    case applicant, recommender, province, finance, expert, sysadmin, auditor

    public var label: String {
        switch self {
        case .applicant: "申报单位用户"
        case .recommender: "推荐单位用户"
        case .province: "省科协管理员"
        case .finance: "财务"
        case .expert: "评审专家"
        case .sysadmin: "系统管理员"
        case .auditor: "审计管理员"
        }
    }

    /// The accounts an administrator of this role creates, edits, disables and resets: the system
    /// administrator every one; the province the people of a call (applicants, recommenders,
    /// experts, finance), never its own staff or the two administrators, so a business user cannot
    /// give itself or anyone else more power.
    public var administeredRoles: Set<Role> {
        switch self {
        case .sysadmin: Set(Role.allCases)
        case .province: [.applicant, .recommender, .expert, .finance]
        case .applicant, .recommender, .finance, .expert, .auditor: []
        }
    }
}
