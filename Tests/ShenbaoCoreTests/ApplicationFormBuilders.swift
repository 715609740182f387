@testable import ShenbaoCore

/// Builders of complete, valid applications: each rule test breaks exactly one thing in them.
enum ValidApplication {
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("not a day: \(text)") }
        return day
    }

    static func range(_ start: String, _ end: String) -> DayRange {
        DayRange(start: day(start), end: day(end))
    }

    /// What both forms share: the cover, section 一, the texts, two phases (150,000 yuan) filling
    /// the project period 2025-06-01 to 2025-12-31, the declarations, a priority claim, the commitment.
    private static func common() -> ApplicationForm {
        var form = ApplicationForm()
        form.projectName = "2025中德先进制造国际科技交流"
        form.period = range("2025-06-01", "2025-12-31")
        form.contactName = "李嘉"
        form.contactPhone = "0731-84884381"
        form.leader = "王建国"
        form.leaderTitle = "教授"
        form.leaderPhone = "13800138000"
        form.cooperationBasis = "近三年与德国弗劳恩霍夫协会联合举办国际学术会议三次。"
        form.partners = [Partner(name: "德国弗劳恩霍夫协会", countryOrRegion: "DE")]
        form.fields = Choices(codes: ["advancedManufacturing"])
        form.mainContent = "围绕先进制造开展国际科技交流。"
        form.expectedGoals = "形成合作备忘录两份。"
        form.highlights = "首次在湘举办该领域国际会议。"
        form.phases = [
            Phase(period: range("2025-06-01", "2025-08-31"), budgetYuan: 80_000, goal: "筹备与邀请"),
            Phase(period: range("2025-09-01", "2025-12-31"), budgetYuan: 70_000, goal: "举办与总结"),
        ]
        form.summaryContent = "围绕先进制造开展国际科技交流。"
        form.summaryBasis = "近三年联合举办国际学术会议三次。"
        form.eligibilityDeclarations = EligibilityDeclarations(
            independentLegalPerson: true, noSubcontracting: true, teamAndControls: true, lawCompliance: true)
        form.priorityClaims = [
            PriorityClaim(code: "recentInternationalEvents", evidence: "2024年与IEEE联合举办国际会议")
        ]
        form.commitment = Commitment(accepted: true)
        return form
    }

    /// A conference project with experts from China, Germany and the United States.
    static func conference() -> ApplicationForm {
        var form = common()
        form.cooperationContent = Choices(codes: ["hostSymposium"])
        form.invitedExperts = [
            InvitedExpert(name: "张明", countryOrRegion: "CN", affiliation: "中南大学", title: "院士"),
            InvitedExpert(name: "Hans Müller", countryOrRegion: "DE", affiliation: "TU München", title: "Professor"),
            InvitedExpert(name: "Jane Smith", countryOrRegion: "US", affiliation: "MIT", title: "Professor"),
        ]
        return form
    }

    /// A cooperation project taking a delegation of three materials scientists abroad.
    static func cooperation() -> ApplicationForm {
        var form = common()
        form.cooperationContent = Choices(codes: ["delegationAbroad", "other"], other: "参加国际材料大会")
        form.delegationMembers = [
            DelegationMember(name: "刘一", field: "新材料", affiliation: "湖南大学", title: "教授"),
            DelegationMember(name: "陈二", field: "新材料", affiliation: "中南大学", title: "副教授"),
            DelegationMember(name: "赵三", field: "新材料", affiliation: "湘潭大学", title: "研究员"),
        ]
        return form
    }

    /// The required files, general evidence, and evidence for the priority condition claimed.
    static let attachments: [AttachedFile] = [
        AttachedFile(.signedScan), AttachedFile(.nonConfidentiality), AttachedFile(.evidence),
        AttachedFile(.evidence, condition: "recentInternationalEvents"),
    ]
}
