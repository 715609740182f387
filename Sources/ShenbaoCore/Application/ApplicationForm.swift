/// 申报书: everything an applicant fills in, for either category, in the shape of docs/api.md.
///
/// Every field is optional, because a draft is saved at any moment; `ApplicationRules` says what
/// a complete one needs. The organisation (section 一's first block) is not here: it is copied
/// from the registration when the application is submitted.
public struct ApplicationForm: Codable, Hashable, Sendable {
    // Cover (封面)
    /// 项目名称
    public var projectName: String?
    /// 项目期限
    public var period: DayRange?
    /// 联系人 and 联系电话 of the cover.
    public var contactName: String?
    public var contactPhone: String?

    // Section 一 (申报单位基本情况), besides the organisation
    /// 项目负责人, 职务/职称, 联系电话
    public var leader: String?
    public var leaderTitle: String?
    public var leaderPhone: String?
    /// 国际或区域科技合作交流基础（或成功案例）
    public var cooperationBasis: String?

    // Section 二 (申报项目基本情况)
    /// 合作单位名称 (one or more), each with its country or region.
    public var partners: [Partner]?
    /// 合作内容: option codes of the category, and the text of 其他.
    public var cooperationContent: Choices?
    /// 合作领域: field codes, and the text of 其他.
    public var fields: Choices?
    /// 项目主要内容
    public var mainContent: String?
    /// 预期目标
    public var expectedGoals: String?
    /// 亮点与创新点
    public var highlights: String?
    /// 时间阶段 / 经费预算 / 目标内容
    public var phases: [Phase]?
    /// Conference projects: the invited overseas experts.
    public var invitedExperts: [InvitedExpert]?
    /// Cooperation projects with the delegation option (赴境外…): the delegation.
    public var delegationMembers: [DelegationMember]?

    // Summary table (汇总表) texts
    /// 项目主要内容（300字以内）
    public var summaryContent: String?
    /// 合作交流基础（400字以内）
    public var summaryBasis: String?

    // Section 三 and the conditions of the guide
    public var eligibilityDeclarations: EligibilityDeclarations?
    /// 优先考虑 1–4 claimed, each with its evidence.
    public var priorityClaims: [PriorityClaim]?
    public var commitment: Commitment?

    // Not part of the official form
    /// Experts or organisations the applicant asks not to review it (申请回避), at most three;
    /// never printed, never shown to experts (see ``Avoidance``).
    public var avoidances: [Avoidance]?
    /// Answers to the call's extra questions (补充信息), by question code; see ``Question``.
    public var answers: [String: Answer]?

    public init() {}

    /// 申请资助金额: the sum of the phases' budgets, in yuan (nil when no phase has one).
    public var requestedYuan: Int? {
        let amounts = (phases ?? []).compactMap(\.budgetYuan)
        guard !amounts.isEmpty else { return nil }
        // Saturates instead of trapping: absurd amounts are the rules' to refuse, never a crash.
        return amounts.reduce(0) { total, amount in
            let (sum, overflow) = total.addingReportingOverflow(amount)
            return overflow ? (amount < 0 ? Int.min : Int.max) : sum
        }
    }
}

public struct DayRange: Codable, Hashable, Sendable {
    public var start: Day?
    public var end: Day?
    public init(start: Day? = nil, end: Day? = nil) {
        self.start = start
        self.end = end
    }
}

public struct Partner: Codable, Hashable, Sendable {
    public var name: String?
    /// ISO 3166-1 alpha-2, e.g. `DE`; `HK`, `MO`, `TW` are regions of China.
    public var countryOrRegion: String?
    public init(name: String? = nil, countryOrRegion: String? = nil) {
        self.name = name
        self.countryOrRegion = countryOrRegion
    }
}

/// Ticked options plus the free text of 其他.
public struct Choices: Codable, Hashable, Sendable {
    public var codes: [String]?
    public var other: String?
    public init(codes: [String]? = nil, other: String? = nil) {
        self.codes = codes
        self.other = other
    }
}

public struct Phase: Codable, Hashable, Sendable {
    public var period: DayRange?
    /// 经费预算, in integer yuan (the form shows 万元).
    public var budgetYuan: Int?
    /// 目标内容
    public var goal: String?
    public init(period: DayRange? = nil, budgetYuan: Int? = nil, goal: String? = nil) {
        self.period = period
        self.budgetYuan = budgetYuan
        self.goal = goal
    }
}

public struct InvitedExpert: Codable, Hashable, Sendable {
    public var name: String?
    public var countryOrRegion: String?
    public var affiliation: String?
    public var title: String?
    public init(name: String? = nil, countryOrRegion: String? = nil, affiliation: String? = nil, title: String? = nil) {
        self.name = name
        self.countryOrRegion = countryOrRegion
        self.affiliation = affiliation
        self.title = title
    }
}

public struct DelegationMember: Codable, Hashable, Sendable {
    public var name: String?
    /// 研究领域: all members share one.
    public var field: String?
    public var affiliation: String?
    public var title: String?
    public init(name: String? = nil, field: String? = nil, affiliation: String? = nil, title: String? = nil) {
        self.name = name
        self.field = field
        self.affiliation = affiliation
        self.title = title
    }
}

/// 申报条件 1–3 and the overseas-NGO law, confirmed by the applicant.
public struct EligibilityDeclarations: Codable, Hashable, Sendable {
    public var independentLegalPerson: Bool?
    public var noSubcontracting: Bool?
    public var teamAndControls: Bool?
    public var lawCompliance: Bool?
    public init(
        independentLegalPerson: Bool? = nil, noSubcontracting: Bool? = nil, teamAndControls: Bool? = nil,
        lawCompliance: Bool? = nil
    ) {
        self.independentLegalPerson = independentLegalPerson
        self.noSubcontracting = noSubcontracting
        self.teamAndControls = teamAndControls
        self.lawCompliance = lawCompliance
    }
}

public struct PriorityClaim: Codable, Hashable, Sendable {
    public var code: String?
    public var evidence: String?
    public init(code: String? = nil, evidence: String? = nil) {
        self.code = code
        self.evidence = evidence
    }
}

/// 申报单位承诺. `acceptedBy` and `acceptedAt` are set by the server, never by the client.
public struct Commitment: Codable, Hashable, Sendable {
    public var accepted: Bool?
    public var acceptedBy: String?
    /// ISO 8601 instant.
    public var acceptedAt: String?
    public init(accepted: Bool? = nil, acceptedBy: String? = nil, acceptedAt: String? = nil) {
        self.accepted = accepted
        self.acceptedBy = acceptedBy
        self.acceptedAt = acceptedAt
    }
}

/// What an attachment is for.
public enum AttachmentKind: String, Codable, CaseIterable, Hashable, Sendable {
    /// 签字盖章扫描件 of the whole form (PDF).
    case signedScan
    /// 非涉密证明
    case nonConfidentiality
    /// 佐证材料
    case evidence
    /// 签字盖章的项目任务书: uploaded after 立项, not part of the application's form.
    case agreement
    /// A report's evidence (会议议程, 参会人员名单, 照片…): its slot is `conditionCode`
    /// (`<report code>.<evidence type>`, Report.Evidence).
    case reportEvidence
    /// 证明材料 of a change request (项目变更): the change's `evidenceAttachmentID` names it.
    case changeEvidence

    public var label: String {
        switch self {
        case .signedScan: "申报书签字盖章扫描件"
        case .nonConfidentiality: "非涉密证明"
        case .evidence: "佐证材料"
        case .agreement: "签字盖章的项目任务书"
        case .reportEvidence: "报告佐证材料"
        case .changeEvidence: "项目变更证明材料"
        }
    }

    /// The slots of the application itself, uploaded with the draft (the form's 附件 section).
    public static let ofTheApplication: [AttachmentKind] = [.signedScan, .nonConfidentiality, .evidence]
}
