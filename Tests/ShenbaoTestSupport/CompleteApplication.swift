import ShenbaoCore

/// Complete, valid application forms of both categories, as an applicant fills them: the one
/// builder the Core, Documents and Server tests share. A test changes what it is about in a copy
/// and states the values it reads back.
///
/// Both forms: 2025-06-01 to 2025-12-31, two phases of 60,000 and 90,000 yuan (150,000 in all),
/// a partner in Germany, the four declarations and the commitment.
public enum CompleteApplication {
    public static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("not a day: \(text)") }
        return day
    }

    public static func range(_ start: String, _ end: String) -> DayRange {
        DayRange(start: day(start), end: day(end))
    }

    public static let projectName = "2025中德智能制造国际研讨会"
    public static let requestedYuan = 150_000

    /// A conference project with experts from Germany, the United States and Hong Kong.
    /// `claimingPriority` adds a priority condition (recent international events) with its
    /// evidence text; its evidence file is in `attachmentsClaimingPriority`.
    public static func conference(claimingPriority: Bool = false) -> ApplicationForm {
        var form = common(claimingPriority: claimingPriority)
        form.cooperationContent = Choices(codes: ["hostSymposium"])
        form.invitedExperts = [
            InvitedExpert(name: "Anna Schmidt", countryOrRegion: "DE", affiliation: "Fraunhofer IPA", title: "教授"),
            InvitedExpert(name: "John Smith", countryOrRegion: "US", affiliation: "MIT", title: "教授"),
            InvitedExpert(name: "陈大文", countryOrRegion: "HK", affiliation: "香港大学", title: "教授"),
        ]
        return form
    }

    /// A cooperation project taking a delegation of three materials scientists abroad.
    public static func cooperation(claimingPriority: Bool = false) -> ApplicationForm {
        var form = common(claimingPriority: claimingPriority)
        form.projectName = "2025赴德新材料科技团体交流"
        form.cooperationContent = Choices(codes: ["delegationAbroad", "other"], other: "参加国际材料大会")
        form.delegationMembers = [
            DelegationMember(name: "刘一", field: "新材料", affiliation: "湖南大学", title: "教授"),
            DelegationMember(name: "陈二", field: "新材料", affiliation: "中南大学", title: "副教授"),
            DelegationMember(name: "赵三", field: "新材料", affiliation: "湘潭大学", title: "研究员"),
        ]
        return form
    }

    /// The three files every application needs: the signed scan, the non-confidentiality
    /// certificate and general evidence.
    public static let requiredAttachments: [AttachedFile] = [
        AttachedFile(.signedScan), AttachedFile(.nonConfidentiality), AttachedFile(.evidence),
    ]

    /// The required files and the evidence of the priority condition `claimingPriority` claims.
    public static let attachmentsClaimingPriority: [AttachedFile] =
        requiredAttachments + [AttachedFile(.evidence, condition: priorityCondition)]

    public static let priorityCondition = "recentInternationalEvents"

    private static func common(claimingPriority: Bool) -> ApplicationForm {
        var form = ApplicationForm()
        form.projectName = projectName
        form.period = range("2025-06-01", "2025-12-31")
        form.contactName = "王五"
        form.contactPhone = "13812345678"
        form.leader = "李明"
        form.leaderTitle = "教授"
        form.leaderPhone = "0731-88886666"
        form.cooperationBasis = "与德国弗劳恩霍夫研究所合作十年，联合举办研讨会三次。"
        form.partners = [Partner(name: "Fraunhofer IPA", countryOrRegion: "DE")]
        form.fields = Choices(codes: ["advancedManufacturing"])
        form.mainContent = "举办为期三天的国际研讨会。"
        form.expectedGoals = "形成合作备忘录两份。"
        form.highlights = "首次在湘举办该主题会议。"
        form.phases = [
            Phase(period: range("2025-06-01", "2025-08-31"), budgetYuan: 60_000, goal: "筹备"),
            Phase(period: range("2025-09-01", "2025-12-31"), budgetYuan: 90_000, goal: "举办"),
        ]
        form.summaryContent = "举办中德智能制造国际研讨会。"
        form.summaryBasis = "十年合作基础。"
        form.eligibilityDeclarations = EligibilityDeclarations(
            independentLegalPerson: true, noSubcontracting: true, teamAndControls: true, lawCompliance: true)
        if claimingPriority {
            form.priorityClaims = [PriorityClaim(code: priorityCondition, evidence: "2024年与IEEE联合举办国际会议")]
        }
        form.commitment = Commitment(accepted: true)
        return form
    }
}
