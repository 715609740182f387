/// The funded project's report (中期报告, 总结报告…) and the province's acceptance opinion (验收意见书)
/// as documents, from the project's facts (`ProjectFacts`: the same name, number and amount as the
/// award letter and the agreement) and what the report or the decision holds. The unit signs and
/// stamps its report: those lines stay empty (nothing is ever typed on them).
public enum ReportText {
    public typealias Row = AgreementText.Row

    /// What one report holds, as its page shows it.
    public struct Input: Equatable, Sendable {
        public var definition: ReportDefinition
        /// The project's category: the questions its form asks.
        public var category: Category
        public var answers: [String: Answer]
        /// Each phase's budget, in the plan's order (the 经费决算's rows).
        public var budgetsYuan: [Int?]
        public var accounts: [Report.AccountRow]
        public var evidence: [EvidenceFile]
        public var status: Report.Status
        public var submittedOn: Day?

        public init(
            definition: ReportDefinition, category: Category, answers: [String: Answer], budgetsYuan: [Int?],
            accounts: [Report.AccountRow], evidence: [EvidenceFile],
            status: Report.Status, submittedOn: Day?
        ) {
            self.definition = definition
            self.category = category
            self.answers = answers
            self.budgetsYuan = budgetsYuan
            self.accounts = accounts
            self.evidence = evidence
            self.status = status
            self.submittedOn = submittedOn
        }

    }

    /// One evidence file: its slot and its name.
    public struct EvidenceFile: Equatable, Sendable {
        public var type: Report.Evidence
        public var name: String

        public init(_ type: Report.Evidence, _ name: String) {
            self.type = type
            self.name = name
        }
    }

    public struct ReportContent: Equatable, Sendable {
        /// The programme (2025年度国际与区域科技交流类项目) above the report's title.
        public var title: String
        /// 中期报告, 总结报告…
        public var subtitle: String
        /// 项目基本信息, the report's state and the day it was submitted.
        public var basics: [Row]
        /// Each question the project's category is asked, with its answer as the page shows it.
        public var answers: [Row]
        public var accountColumns: [String]
        /// 第1阶段, budget, spent, explanation; then the 合计 row.
        public var accounts: [[String]]
        public var total: [String]
        public var evidenceColumns: [String]
        public var evidence: [[String]]
        public var declaration: String
        /// The labels of the unit's signature, stamp and date lines: nothing else is printed there.
        public var signatures: [String]
    }

    /// What a question without an answer shows.
    public static let unanswered = "（未填写）"
    /// A file question holds no value: its files are the report's evidence.
    public static let seeEvidence = "见佐证材料"

    public static func report(_ facts: ProjectFacts, _ report: Input) -> ReportContent {
        let rows = report.accounts
        let totals = Report.totals(budgetsYuan: report.budgetsYuan, accounts: rows)
        let anySpent = rows.prefix(report.budgetsYuan.count).contains { $0.spentYuan != nil }
        return ReportContent(
            title: facts.programme,
            subtitle: report.definition.title,
            basics: basics(facts) + [
                Row(label: "报告状态", value: report.status.label),
                Row(label: "提交日期", value: report.submittedOn?.chinese ?? "未提交"),
            ],
            answers: report.definition.questions.filter { $0.asks(report.category) }.map { question in
                let text =
                    question.kind == .file
                    ? seeEvidence : report.answers[question.code]?.display(for: question) ?? ""
                return Row(
                    label: question.label,
                    value: TextRules.isMissing(text) ? unanswered : text)
            },
            accountColumns: ["阶段", "预算（万元）", "实际支出（万元）", "差异说明"],
            accounts: report.budgetsYuan.enumerated().map { index, budget in
                let row = index < rows.count ? rows[index] : Report.AccountRow()
                return [
                    "第\(index + 1)阶段", budget.map(WanAmount.wanText) ?? "", row.spentYuan.map(WanAmount.wanText) ?? "",
                    row.explanation ?? "",
                ]
            },
            total: ["合计", WanAmount.wanText(totals.budgeted), anySpent ? WanAmount.wanText(totals.spent) : "", ""],
            evidenceColumns: ["类别", "文件名"],
            evidence: report.evidence.map { [$0.type.label, $0.name] },
            declaration: "本单位对本报告内容及经费决算的真实性、准确性负责。",
            signatures: ["项目负责人（签字）：", "承担单位（盖章）", "年　　月　　日"])
    }

    /// One acceptance decision, as recorded.
    public struct Decision: Equatable, Sendable {
        public var passed: Bool
        public var score: Int
        /// Per phase of the plan, in order.
        public var goals: [Acceptance.GoalMet]
        public var comment: String
        public var rectifyBy: Day?
        public var decidedOn: Day

        public init(
            passed: Bool, score: Int, goals: [Acceptance.GoalMet], comment: String, rectifyBy: Day?, decidedOn: Day
        ) {
            self.passed = passed
            self.score = score
            self.goals = goals
            self.comment = comment
            self.rectifyBy = rectifyBy
            self.decidedOn = decidedOn
        }
    }

    public struct AcceptanceContent: Equatable, Sendable {
        public var title: String
        public var subtitle: String
        public var basics: [Row]
        /// 验收结论, 绩效评价得分 with its grade, and 整改期限 for a project not accepted.
        public var conclusion: [Row]
        public var goalColumns: [String]
        /// 第1阶段, its period, its goal, how far it was met.
        public var goals: [[String]]
        public var opinion: String
        public var issuer: String
        public var date: Day
    }

    public static func acceptance(_ facts: ProjectFacts, _ decision: Decision) -> AcceptanceContent {
        var conclusion = [
            Row(label: Acceptance.Label.outcome, value: decision.passed ? "验收通过" : "验收不通过"),
            Row(label: Acceptance.Label.score, value: "\(decision.score)分（\(Acceptance.grade(decision.score))）"),
        ]
        if let rectifyBy = decision.rectifyBy {
            conclusion.append(Row(label: Acceptance.Label.rectifyBy, value: rectifyBy.chinese))
        }
        let count = max(facts.phases.count, decision.goals.count)
        return AcceptanceContent(
            title: facts.programme,
            subtitle: "项目验收意见书",
            basics: basics(facts),
            conclusion: conclusion,
            goalColumns: ["阶段", "起止时间", "阶段目标", "完成情况"],
            goals: (0..<count).map { index in
                let phase = index < facts.phases.count ? facts.phases[index] : nil
                return [
                    "第\(index + 1)阶段", phase?.period ?? "", phase?.goal ?? "",
                    index < decision.goals.count ? decision.goals[index].label : "",
                ]
            },
            opinion: decision.comment, issuer: facts.issuer, date: decision.decidedOn)
    }

    /// The project as the agreement names it.
    static func basics(_ facts: ProjectFacts) -> [Row] {
        [
            ("项目名称", facts.projectName), ("申报编号", facts.applicationNumber), ("项目类别", facts.categoryLabel),
            ("承担单位", facts.organization), ("项目负责人", facts.leader), ("执行期", facts.periodText),
            ("资助金额（万元）", facts.amountWan),
        ].map { Row(label: $0.0, value: $0.1) }
    }
}

/// A change request (项目变更申请表) as a document: the project's facts, what changes from what to
/// what and why, and once decided the province's decision. The unit signs and stamps the request:
/// those lines stay empty.
public enum ChangeRequestText {
    public typealias Row = AgreementText.Row

    public struct Request: Equatable, Sendable {
        public var kind: ChangeRequest.Kind
        public var before: String
        public var after: String
        public var reason: String
        public var requestedOn: Day?
        /// 待审核, 已同意, 不同意.
        public var stateLabel: String
        public var decisionComment: String?
        public var decidedOn: Day?

        public init(
            kind: ChangeRequest.Kind, before: String, after: String, reason: String, requestedOn: Day?,
            stateLabel: String, decisionComment: String?, decidedOn: Day?
        ) {
            self.kind = kind
            self.before = before
            self.after = after
            self.reason = reason
            self.requestedOn = requestedOn
            self.stateLabel = stateLabel
            self.decisionComment = decisionComment
            self.decidedOn = decidedOn
        }
    }

    public struct Content: Equatable, Sendable {
        public var title: String
        public var subtitle: String
        public var basics: [Row]
        public var change: [Row]
        /// The province's decision, empty while the request waits.
        public var decision: [Row]
        public var declaration: String
        public var signatures: [String]
    }

    public static func content(_ facts: ProjectFacts, _ request: Request) -> Content {
        let decided = request.decidedOn != nil
        return Content(
            title: facts.programme, subtitle: "项目变更申请表", basics: ReportText.basics(facts),
            change: [
                Row(label: "变更类型", value: request.kind.label),
                Row(label: "变更前", value: request.before),
                Row(label: "变更后", value: request.after),
                Row(label: "变更理由", value: request.reason),
                Row(label: "申请日期", value: request.requestedOn?.chinese ?? ""),
            ],
            decision: decided
                ? [
                    Row(label: "审核结果", value: request.stateLabel),
                    Row(label: "省科协意见", value: request.decisionComment ?? "无"),
                    Row(label: "审核日期", value: request.decidedOn?.chinese ?? ""),
                ] : [],
            declaration: "本单位对以上变更申请内容的真实性负责，变更经省科协同意后执行。",
            signatures: ["项目负责人（签字）：", "承担单位（盖章）", "年　　月　　日"])
    }
}
