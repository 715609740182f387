import Foundation

/// How to reach the people running the call (申报指南 四).
public struct CallContact: Codable, Hashable, Sendable {
    public var department: String
    public var person: String
    public var address: String
    public var phone: String
    public var email: String
}

/// A recommender kind as the guide lists it (推荐单位 1–3), with the organisation kinds it covers.
public struct RecommenderKindOption: Codable, Hashable, Sendable {
    public var code: String
    public var label: String
    public var organizationKinds: [RecommenderKind]
}

/// What the paper and e-mail route of the guide asks for (申报材料 2).
public struct SubmissionRequirements: Codable, Hashable, Sendable {
    /// 一式六份
    public var paperCopies: Int
    /// 非涉密证明2份
    public var nonConfidentialityCopies: Int
    /// Where the packaged electronic version is sent.
    public var email: String
    /// 以"申报单位名称+项目名称"命名
    public var packageNaming: String
    /// How the paper copies are made: "A4规格纸双面打印、装订成册、签字并加盖公章".
    public var paperFormat: String
    /// What the folder sent by e-mail holds: "扫描电子版及word版本".
    public var electronicContents: String

    /// The 2025 guide's wording, for calls stored before these fields existed.
    public static let defaultPaperFormat = "A4规格纸双面打印、装订成册、签字并加盖公章"
    public static let defaultElectronicContents = "扫描电子版及word版本"

    private enum CodingKeys: String, CodingKey {
        case paperCopies, nonConfidentialityCopies, email, packageNaming, paperFormat, electronicContents
    }
}

extension SubmissionRequirements {
    /// Calls stored in a database before a field existed decode with the guide's value, so an
    /// upgrade needs no rewrite of stored calls.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paperCopies = try container.decodeIfPresent(Int.self, forKey: .paperCopies) ?? 6
        nonConfidentialityCopies = try container.decodeIfPresent(Int.self, forKey: .nonConfidentialityCopies) ?? 2
        email = try container.decode(String.self, forKey: .email)
        packageNaming = try container.decodeIfPresent(String.self, forKey: .packageNaming) ?? "申报单位名称+项目名称"
        paperFormat = try container.decodeIfPresent(String.self, forKey: .paperFormat) ?? Self.defaultPaperFormat
        electronicContents =
            try container.decodeIfPresent(String.self, forKey: .electronicContents) ?? Self.defaultElectronicContents
    }
}

/// One year's call (申报指南) as data: the 2025 guide ships as the default call.
public struct CallDefinition: Codable, Hashable, Sendable {
    public var year: Int
    public var title: String
    public var phase: CallPhase
    /// The submission deadline; the guide sets none, the province sets it.
    public var deadline: Date?
    /// 推荐截止时间: after it a recommender can no longer decide (RecommendationDeadline); nil: none.
    public var recommendationDeadline: Date?
    /// The 补正 period a return gives when the returner types none (CorrectionPeriod.workingDays
    /// bounds it); nil: CorrectionPeriod.defaultWorkingDays.
    public var correctionWorkingDays: Int?
    /// 公布验收结果: the published funded list (立项名单) shows each project's final state once the
    /// province has decided its acceptance (PublicFinalState); nil or false: the list as published.
    public var publishesFinalState: Bool?
    public var contact: CallContact
    /// How many projects may be funded over both categories.
    public var totalFunded: Bounds
    public var categories: [CategoryDefinition]
    /// 申报单位 1–6.
    public var applicantKinds: [Option]
    /// 推荐单位 1–3.
    public var recommenderKinds: [RecommenderKindOption]
    /// 申报条件 1–3.
    public var eligibilityConditions: [Option]
    /// 优先考虑 1–4.
    public var priorityConditions: [Option]
    /// Working days the public notice lasts (公示5个工作日).
    public var noticeWorkingDays: Int
    public var submission: SubmissionRequirements
    /// The guide's own text, shown on the public pages; paragraphs separated by newlines.
    public var guideText: String
    /// The edition of the application forms, `YYYY-MM`, printed under 湖南省科学技术协会制 on the
    /// cover (the 2025 forms say 2025年2月). Optional so a call stored before it was data reads.
    public var formEdition: String?
    /// 推荐名额 per recommender kind or recommender and category; nil (calls stored before, the 2025 call): none.
    public var recommenderQuotas: RecommenderQuotas?
    /// The province's extra questions (补充信息), in the form's order; nil for none.
    public var questions: [Question]?
    /// The reports every funded project owes (中期报告, 总结报告…); nil: `ReportDefinition.standard`.
    public var reports: [ReportDefinition]?

    /// The reports the call asks, the standard two when it names none.
    public var projectReports: [ReportDefinition] { reports ?? ReportDefinition.standard }

    /// The cover's edition line, e.g. `2025年2月`; the call's year and February (the 2025 forms'
    /// month) for a call stored without one.
    public var formEditionLabel: String {
        let parts = (formEdition ?? "").split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return "\(year)年2月" }
        return "\(parts[0])年\(parts[1])月"
    }

    public func category(_ code: Category) -> CategoryDefinition? {
        categories.first { $0.code == code }
    }

    public func applicantKind(_ code: String) -> Option? {
        applicantKinds.first { $0.code == code }
    }
}
