extension ApplicationRules {
    /// Option codes a choice may list (合作内容, 合作领域): more than any category offers.
    static let choiceCodeLimit = 50

    /// What even a draft may not hold, so a save that breaks it is refused, not stored.
    ///
    /// The rules of a complete application only judge a form when it is submitted; a draft is
    /// saved as typed. But a draft of 50,000 partners once took minutes to open, and a budget of
    /// Int.max trapped the first sum made of it: every list keeps the limit the rules state and
    /// every amount the bounds of `InputBounds` already when it is written.
    public static func draftProblems(_ form: ApplicationForm) -> [Problem] {
        var problems: [Problem] = []
        problems += countProblems(form.partners ?? [], limit: partnerLimit, field: "partners", label: "合作单位", unit: "个")
        problems += countProblems(
            form.invitedExperts ?? [], limit: invitedExpertLimit, field: "invitedExperts", label: "参会专家", unit: "位")
        problems += countProblems(
            form.delegationMembers ?? [], limit: delegationMemberLimit, field: "delegationMembers", label: "科技团体成员",
            unit: "人")
        problems += countProblems(form.phases ?? [], limit: phaseLimit, field: "phases", label: "时间阶段", unit: "个")
        problems += countProblems(
            form.priorityClaims ?? [], limit: priorityClaimLimit, field: "priorityClaims", label: "优先考虑条件", unit: "项")
        problems += countProblems(
            form.cooperationContent?.codes ?? [], limit: choiceCodeLimit, field: "cooperationContent",
            label: "合作内容选项", unit: "项")
        problems += countProblems(
            form.fields?.codes ?? [], limit: choiceCodeLimit, field: "fields", label: "合作领域选项", unit: "项")
        problems += avoidanceProblems(form.avoidances, complete: false)
        problems += answerDraftProblems(form.answers)
        for (index, phase) in (form.phases ?? []).prefix(phaseLimit).enumerated() {
            guard let budget = phase.budgetYuan else { continue }
            if let problem = InputBounds.problem(
                budget, in: InputBounds.amountYuan, field: "phases[\(index)].budgetYuan",
                label: "第\(index + 1)阶段的经费预算", unit: "元")
            {
                problems.append(problem)
            }
        }
        return problems
    }
}
