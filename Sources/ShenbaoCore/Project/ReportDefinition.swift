import Foundation

/// A report the call asks of every funded project (e.g. 中期报告 halfway through, 总结报告 within 30
/// days of the period's end): its questions are built from the same types as the call's extra
/// questions (`Question`), and every report also carries the 经费决算 table per phase and evidence
/// files (`Report`). A call stored without reports asks the two standard ones.
public struct ReportDefinition: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
        /// 中期报告: reviewed and accepted by the province; the project stays 执行中.
        case interim
        /// 总结报告: its submission puts the project 验收中 (the one transition table).
        case final
    }

    /// Stable code: the report's key in the API and its pages.
    public var code: String
    /// 中期报告, 总结报告…
    public var title: String
    public var kind: Kind
    /// When it is due: a fixed day (`YYYY-MM-DD`), or so many days after the project's period
    /// ends, or (neither given) halfway through the period.
    public var dueOn: String?
    public var daysAfterEnd: Int?
    public var questions: [Question]
    /// Questions whose first answer is taken from the application (question code → source), so
    /// the unit corrects rather than retypes.
    public var prefill: [String: Prefill]?

    /// What of the application a report's answer may start from.
    public enum Prefill: String, Codable, CaseIterable, Hashable, Sendable {
        /// The partners' and invited experts' countries and regions, by their Chinese names.
        case partnerCountries
        /// 预期目标, as the application set them.
        case expectedGoals
        /// 主要内容.
        case mainContent
    }

    public init(
        code: String, title: String, kind: Kind, dueOn: String? = nil, daysAfterEnd: Int? = nil, questions: [Question],
        prefill: [String: Prefill]? = nil
    ) {
        self.code = code
        self.title = title
        self.kind = kind
        self.dueOn = dueOn
        self.daysAfterEnd = daysAfterEnd
        self.questions = questions
        self.prefill = prefill
    }

    /// The answers a report starts from before the unit's first save: each prefilled question's
    /// text from the application (a text question only; nothing where the application is empty).
    public func prefilledAnswers(from form: ApplicationForm) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for (code, source) in prefill ?? [:] {
            guard let question = questions.first(where: { $0.code == code }),
                question.kind == .shortText || question.kind == .longText
            else { continue }
            let text: String
            switch source {
            case .partnerCountries:
                let codes =
                    (form.partners ?? []).compactMap(\.countryOrRegion)
                    + (form.invitedExperts ?? []).compactMap(\.countryOrRegion)
                var seen: Set<String> = []
                text = codes.filter { seen.insert($0).inserted }.map { CountryOrRegion.name(of: $0) ?? $0 }
                    .joined(separator: "、")
            case .expectedGoals: text = form.expectedGoals ?? ""
            case .mainContent: text = form.mainContent ?? ""
            }
            let trimmed = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(question.textLimit))
            if !trimmed.isEmpty { answers[code] = .text(trimmed) }
        }
        return answers
    }

    /// The day this report is due for a project running over `period`; nil when the period is not
    /// known (a fixed day is known regardless).
    public func due(for period: DayRange?) -> Day? {
        if let dueOn, let day = Day(dueOn) { return day }
        guard let start = period?.start, let end = period?.end, start <= end else { return nil }
        if let daysAfterEnd { return Day(ordinal: end.ordinal + max(0, min(daysAfterEnd, 366))) }
        return Day(ordinal: start.ordinal + (end.ordinal - start.ordinal) / 2)
    }

    /// How the due day reads on the page: 2026年6月30日, 项目结束后30日内 or 项目执行期过半时.
    public var dueRule: String {
        if let dueOn, let day = Day(dueOn) { return day.chinese }
        if let daysAfterEnd { return "项目执行期结束后\(daysAfterEnd)日内" }
        return "项目执行期过半时"
    }

    /// What a call without its own reports asks: an interim report halfway, a final one within 30
    /// days of the period's end (the association's practice for its funded exchanges).
    public static let standard: [ReportDefinition] = [
        ReportDefinition(
            code: "interim", title: "中期报告", kind: .interim,
            questions: [
                Question(
                    code: "progress", label: "项目进展情况", kind: .longText, required: true,
                    help: "对照申报书的阶段目标，说明已开展的交流活动及其成效", maxLength: 3000),
                Question(code: "issues", label: "存在的问题及下一步安排", kind: .longText, maxLength: 2000),
            ]),
        ReportDefinition(
            code: "final", title: "总结报告", kind: .final, daysAfterEnd: 30,
            questions: [
                Question(
                    code: "completion", label: "项目完成情况", kind: .longText, required: true,
                    help: "逐项对照申报书的预期目标，说明完成情况", maxLength: 5000),
                Question(
                    code: "outcomes", label: "取得的成效", kind: .longText, required: true,
                    help: "交流成果、签署的协议、后续合作等", maxLength: 3000),
                Question(
                    code: "participants", label: "参与交流人数", kind: .number, required: true, minimum: 0,
                    maximum: 100_000),
                Question(code: "countries", label: "外方参与的国家和地区", kind: .shortText),
                Question(code: "agreementSigned", label: "是否签署合作协议", kind: .yesNo, required: true),
            ], prefill: ["countries": .partnerCountries]),
    ]
}
