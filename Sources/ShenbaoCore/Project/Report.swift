import Foundation

/// A funded project's report (`ReportDefinition`): the answers to its questions, the 经费决算 table
/// (per phase of the plan: budgeted, spent, explanation) and its evidence; its own states and the
/// one table of their changes; every problem at once, each naming its field by the label.
public enum Report {
    public enum Status: String, Codable, CaseIterable, Hashable, Sendable {
        case draft, submitted, returned, accepted

        public var label: String {
            switch self {
            case .draft: "填写中"
            case .submitted: "已提交，待审核"
            case .returned: "已退回修改"
            case .accepted: "已通过"
            }
        }
    }

    public enum Action: String, Codable, CaseIterable, Sendable {
        case submit, `return`, accept
        /// A final report whose project failed acceptance: open again for the rectification.
        case reopen

        public var label: String {
            switch self {
            case .submit: "提交报告"
            case .return: "退回修改"
            case .accept: "审核通过"
            case .reopen: "退回整改"
            }
        }
    }

    public enum Actor: Sendable { case unit, province }

    /// The one table of a report's state changes: the unit submits a draft or a returned report,
    /// the province returns it with comments or accepts it. An accepted report is final, except a
    /// final report whose project failed acceptance: it is reopened for the rectification.
    public static let transitions: [(from: Status, action: Action, actor: Actor, to: Status)] = [
        (.draft, .submit, .unit, .submitted),
        (.returned, .submit, .unit, .submitted),
        (.submitted, .return, .province, .returned),
        (.submitted, .accept, .province, .accepted),
        (.accepted, .reopen, .province, .returned),
    ]

    public static func next(_ status: Status, _ action: Action, by actor: Actor) -> Status? {
        transitions.first { $0.from == status && $0.action == action && $0.actor == actor }?.to
    }

    /// Editable by the unit: a draft or a returned report.
    public static func isEditable(_ status: Status) -> Bool { status == .draft || status == .returned }

    /// The evidence a report may carry, each a slot of files.
    public enum Evidence: String, Codable, CaseIterable, Hashable, Sendable {
        case agenda, attendees, photos, proceedings, agreements, other

        public var label: String {
            switch self {
            case .agenda: "会议议程或活动日程"
            case .attendees: "参加人员名单（含国别）"
            case .photos: "活动照片"
            case .proceedings: "论文集或成果材料"
            case .agreements: "签署的合作协议"
            case .other: "其他材料"
            }
        }
    }

    /// Files per report, all slots together.
    public static let evidenceLimit = 30

    public enum Label {
        public static let spent = "实际支出"
        public static let explanation = "差异说明"
        public static let evidence = "佐证材料"
    }

    /// One row of the 经费决算 table as sent: what was spent in the phase (元 through the API, 万元
    /// as typed on the page) and why it differs from the budget.
    public struct AccountRow: Codable, Hashable, Sendable {
        public var spentYuan: Int?
        public var explanation: String?

        public init(spentYuan: Int? = nil, explanation: String? = nil) {
            self.spentYuan = spentYuan
            self.explanation = explanation
        }
    }

    public static let spentBounds = 0...1_000_000_000
    public static let explanationLimit = 500

    /// What even a draft may not hold: more rows than phases, a sum past its bounds, an
    /// explanation too long, answers no question could take. Saved as typed otherwise.
    public static func draftProblems(
        answers: [String: Answer]?, accounts: [AccountRow]?, phaseCount: Int
    ) -> [Problem] {
        var problems = ApplicationRules.answerDraftProblems(answers)
        let rows = accounts ?? []
        if rows.count > phaseCount {
            problems.append(
                Problem(
                    field: "accounts", code: .tooMany,
                    message: "经费决算有\(rows.count)行，多于计划的\(phaseCount)个阶段，请删除多余的行"))
        }
        for (index, row) in rows.prefix(phaseCount).enumerated() {
            let field = "accounts[\(index)]"
            if let spent = row.spentYuan,
                let problem = InputBounds.problem(
                    spent, in: spentBounds, field: field + ".spentYuan", label: "第\(index + 1)阶段的\(Label.spent)")
            {
                problems.append(problem)
            }
            problems += TextRules.maximumLength(
                row.explanation ?? "", explanationLimit, field: field + ".explanation",
                label: "第\(index + 1)阶段的\(Label.explanation)")
        }
        return problems
    }

    /// Everything a report needs to be submitted, all at once: the draft's bounds, each required
    /// question answered as it asks, every phase's spending entered and, where it differs from the
    /// budget, explained; a final report carries at least one evidence file.
    public static func submissionProblems(
        _ definition: ReportDefinition, answers: [String: Answer]?, accounts: [AccountRow]?,
        budgetsYuan: [Int?], evidenceCount: Int, category: Category
    ) -> [Problem] {
        var problems = draftProblems(answers: answers, accounts: accounts, phaseCount: budgetsYuan.count)
        problems += ApplicationRules.answerProblems(
            answers, questions: definition.questions, category: category, attachments: []
        ).map { problem in
            // The report's questions are "the report's", not the application's 补充信息.
            var problem = problem
            problem.message = problem.message.replacingOccurrences(of: "本类别申报书", with: "本报告")
            return problem
        }
        let rows = accounts ?? []
        for (index, budget) in budgetsYuan.enumerated() {
            let row = index < rows.count ? rows[index] : AccountRow()
            let field = "accounts[\(index)]"
            guard let spent = row.spentYuan else {
                problems.append(TextRules.missing(field: field + ".spentYuan", label: "第\(index + 1)阶段的\(Label.spent)"))
                continue
            }
            if spent != (budget ?? 0), TextRules.isMissing(row.explanation ?? "") {
                problems.append(
                    Problem(
                        field: field + ".explanation", code: .required,
                        message:
                            "第\(index + 1)阶段的\(Label.spent)（\(WanAmount.wanText(spent))万元）与预算（\(WanAmount.wanText(budget ?? 0))万元）不一致，请填写\(Label.explanation)"
                    ))
            }
        }
        if definition.kind == .final, evidenceCount == 0 {
            problems.append(
                Problem(
                    field: "evidence", code: .missingAttachment,
                    message: "请上传\(Label.evidence)（如会议议程、参加人员名单、活动照片）"))
        }
        return problems
    }

    /// The 经费决算 totals: budgeted and spent, in 元 (each row bounded before it is added).
    public static func totals(budgetsYuan: [Int?], accounts: [AccountRow]?) -> (budgeted: Int, spent: Int) {
        let budgeted = budgetsYuan.reduce(0) { $0 + min(max($1 ?? 0, 0), spentBounds.upperBound) }
        let spent = (accounts ?? []).prefix(budgetsYuan.count).reduce(0) {
            $0 + min(max($1.spentYuan ?? 0, 0), spentBounds.upperBound)
        }
        return (budgeted, spent)
    }
}
