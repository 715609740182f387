/// The rules of a complete application (docs/rules.md §4): what blocks its submission.
///
/// Every rule is checked every time and every problem is returned, in the order of the form, each
/// on its docs/api.md field path, so the page can mark every field a clerk must fix in one pass. The
/// rules are the guide's own (the 300/400-字 limits of the summary table, three countries of
/// experts, delegations of three of one field, the 5–20 万元 bounds) plus the fields the official
/// forms ask for; limits the guide doesn't state (projectName ≤ 100 字, long texts ≤ 5000 字, item
/// counts) are there so a pasted page or a runaway client gets a clear answer, not a stored blob.
///
/// Texts are judged trimmed, so a trailing newline pasted from Word neither fills a required field
/// nor pushes a 300-字 summary to 301. Fields that belong to the other category's form (invited
/// experts on a cooperation project, a delegation without the delegation option) are ignored,
/// not refused: a draft keeps them when its options change, and no form prints them.
public enum ApplicationRules {
    /// 项目主要内容 in the summary table: "严格控制在300字以内".
    public static let summaryContentLimit = 300
    /// 合作交流基础 in the summary table: "严格控制400字以内".
    public static let summaryBasisLimit = 400
    /// Names of people and short answers (联系人, 项目负责人, 职务/职称).
    static let shortTextLimit = 50
    /// 项目名称, a person's name or title written in a foreign language, a research field.
    static let nameLimit = 100
    /// An organisation's full name (合作单位, 所在单位), possibly in a foreign language; 其他 texts.
    static let organizationNameLimit = 200
    /// 目标内容 of one phase, the evidence of one priority condition.
    static let mediumTextLimit = 2000
    /// The long texts of the form: 合作交流基础, 项目主要内容, 预期目标, 亮点与创新点.
    static let longTextLimit = 5000

    /// The option code every category has for 其他, whose text is then required.
    static let otherOptionCode = "other"

    /// Every problem that blocks submission, all at once, each on its docs/api.md field path.
    public static func problems(
        in form: ApplicationForm, category: Category, call: CallDefinition, attachments: [AttachedFile]
    ) -> [Problem] {
        let definition = call.category(category)
        var problems: [Problem] = []
        if definition == nil {
            problems.append(
                Problem(
                    field: "category", code: .unknownOption,
                    message: "本年度申报指南没有“\(category.rawValue)”这一项目类别，请联系省科协"))
        }
        problems += coverProblems(form)
        problems += sectionOneProblems(form)
        problems += partnerProblems(form.partners)
        problems += choiceProblems(
            form.cooperationContent, options: definition?.cooperationContent ?? [],
            field: "cooperationContent", label: "合作内容")
        problems += choiceProblems(
            form.fields, options: definition?.fields ?? [], field: "fields", label: "合作领域")
        problems += text(form.mainContent, limit: longTextLimit, field: "mainContent", label: "项目主要内容")
        problems += text(form.expectedGoals, limit: longTextLimit, field: "expectedGoals", label: "预期目标")
        problems += text(form.highlights, limit: longTextLimit, field: "highlights", label: "亮点与创新点")
        problems += phaseProblems(form.phases, project: form.period)
        if let bounds = definition?.amountYuan {
            problems += requestedAmountProblems(form.phases, bounds: bounds)
        }
        if category == .conference {
            problems += invitedExpertProblems(form.invitedExperts)
        }
        if category == .cooperation, hasDelegation(form) {
            problems += delegationProblems(form.delegationMembers)
        }
        problems += text(
            form.summaryContent, limit: summaryContentLimit, field: "summaryContent",
            label: "项目主要内容（汇总表）")
        problems += text(
            form.summaryBasis, limit: summaryBasisLimit, field: "summaryBasis",
            label: "国际与区域科技合作交流基础（汇总表）")
        problems += declarationProblems(form.eligibilityDeclarations, call: call)
        problems += priorityClaimProblems(form.priorityClaims, call: call)
        problems += commitmentProblems(form.commitment)
        problems += avoidanceProblems(form.avoidances, complete: true)
        problems += attachmentProblems(attachments, claims: form.priorityClaims, call: call)
        problems += answerProblems(
            form.answers, questions: call.questions ?? [], category: category, attachments: attachments)
        return problems
    }

    // MARK: - Cover and section 一

    /// 项目名称, 项目期限, 联系人, 联系电话 of the cover.
    static func coverProblems(_ form: ApplicationForm) -> [Problem] {
        var problems = text(form.projectName, limit: nameLimit, field: "projectName", label: "项目名称")
        problems += periodProblems(form.period)
        problems += text(form.contactName, limit: shortTextLimit, field: "contactName", label: "联系人")
        problems += PhoneNumber.problems(form.contactPhone, field: "contactPhone", label: "联系人的联系电话")
        return problems
    }

    /// 项目负责人, 职务/职称, its 联系电话, and 合作交流基础 of section 一.
    static func sectionOneProblems(_ form: ApplicationForm) -> [Problem] {
        var problems = text(form.leader, limit: shortTextLimit, field: "leader", label: "项目负责人")
        problems += text(
            form.leaderTitle, limit: shortTextLimit, field: "leaderTitle", label: "项目负责人的职务/职称")
        problems += PhoneNumber.problems(form.leaderPhone, field: "leaderPhone", label: "项目负责人的联系电话")
        problems += text(
            form.cooperationBasis, limit: longTextLimit, field: "cooperationBasis",
            label: "国际或区域科技合作交流基础（或成功案例）")
        return problems
    }

    /// 项目期限: both days, the end strictly after the start (a project of one day is no project
    /// period, and the phases need a range to lie in).
    static func periodProblems(_ period: DayRange?) -> [Problem] {
        var problems: [Problem] = []
        if period?.start == nil {
            problems.append(TextRules.missing(field: "period.start", label: "项目期限的开始日期"))
        }
        if period?.end == nil {
            problems.append(TextRules.missing(field: "period.end", label: "项目期限的结束日期"))
        }
        if let start = period?.start, let end = period?.end, end <= start {
            problems.append(
                Problem(
                    field: "period.end", code: .endBeforeStart,
                    message: "项目期限的结束日期（\(end.chinese)）应晚于开始日期（\(start.chinese)）"))
        }
        return problems
    }

    // MARK: - Shared checks

    /// Required and within `limit` characters, judged on the trimmed text.
    static func text(_ value: String?, limit: Int, field: String, label: String) -> [Problem] {
        TextRules.requiredText(
            value.map(TextNormalization.trimmed), maximumLength: limit, field: field, label: label)
    }

    /// `tooMany` when a list is longer than any real form needs. The rules then judge only the
    /// first `limit` items, so a list of a million empty rows gives one problem, not two million.
    static func countProblems<Item>(
        _ items: [Item], limit: Int, field: String, label: String, unit: String
    ) -> [Problem] {
        guard items.count > limit else { return [] }
        return [
            Problem(
                field: field, code: .tooMany,
                message: "\(label)最多\(limit)\(unit)，当前为\(items.count)\(unit)")
        ]
    }
}
