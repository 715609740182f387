/// 项目任务书: the agreement between the province (甲方) and the unit (乙方), pre-filled from the
/// application: the project, its goals, its phases with their budgets. The unit signs and stamps
/// it; the signature and stamp lines stay empty (nothing is ever typed on them).
public enum AgreementText {
    public struct Row: Equatable, Sendable {
        public var label: String
        public var value: String
    }

    public struct Content: Equatable, Sendable {
        public var title: String
        public var subtitle: String
        /// 项目基本信息.
        public var basics: [Row]
        public var goals: String
        public var phaseColumns: [String]
        public var phases: [[String]]
        public var duties: [String]
        public var closing: String
        /// The two parties' names, above their stamp and signature lines.
        public var partyA: String
        public var partyB: String
    }

    public static func content(_ facts: ProjectFacts) -> Content {
        Content(
            title: facts.programme,
            subtitle: "项目任务书",
            basics: [
                ("项目名称", facts.projectName), ("申报编号", facts.applicationNumber), ("项目类别", facts.categoryLabel),
                ("承担单位", facts.organization), ("项目负责人", facts.leader), ("执行期", facts.periodText),
                ("资助金额（万元）", facts.amountWan),
            ].map { Row(label: $0.0, value: $0.1) },
            goals: facts.goals.isEmpty ? "（申报书未填写）" : facts.goals,
            phaseColumns: ["阶段", "起止时间", "经费（万元）", "主要工作与目标"],
            phases: facts.phases.enumerated().map { index, phase in
                ["第\(index + 1)阶段", phase.period, phase.budgetWan, phase.goal]
            },
            duties: [
                "甲方（\(facts.issuer)）按本任务书拨付资助经费，对项目执行进行指导、监督、检查和验收。",
                "乙方（\(facts.organization)）按本任务书和申报书组织实施项目，经费专款专用；按时报送中期报告、总结报告和经费决算，接受甲方的监督、审计和评估；项目内容、合作方、执行期、经费安排或项目负责人确需变更的，事先报甲方批准。",
                "乙方未按本任务书执行或验收不通过的，甲方可要求限期整改，并视情况停止拨付、收回经费。",
            ],
            closing: "本任务书一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。",
            partyA: facts.issuer, partyB: facts.organization)
    }
}
