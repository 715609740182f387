import Foundation

/// What the province may set in a call's editor, checked together (docs/rules.md §2): every
/// number in its bounds, the categories' minima within the total's maximum, every list of
/// options named, unique and bounded. All problems at once, each naming its field as the editor
/// labels it.
public enum CallDefinitionCheck {
    /// Projects funded, per category or in total (the guide: 8–20 in all).
    public static let fundedRange = 0...1_000
    /// Options of one list (合作内容, 合作领域, kinds, conditions).
    public static let optionLimit = 50
    /// One option's text.
    public static let optionLabelLimit = 200
    /// One condition's text (申报条件 and 优先考虑 are sentences).
    public static let conditionLabelLimit = 500
    /// Paper copies and certificates the guide asks for (一式六份, 非涉密证明2份).
    public static let copiesRange = 0...20
    /// The declarations of the form's section 三, one per 申报条件 (`EligibilityDeclarations`):
    /// the conditions' texts are the call's, their number and codes the form's.
    public static let eligibilityCodes = [
        "independentLegalPerson", "noSubcontracting", "teamAndControls", "lawCompliance",
    ]

    public static func problems(_ call: CallDefinition) -> [Problem] {
        var problems = TextRules.requiredText(call.title, maximumLength: 100, field: "title", label: "申报指南标题")
        problems += boundsProblems(
            call.totalFunded, range: fundedRange, field: "totalFunded", label: "资助项目总数", unit: "项")
        for (index, category) in call.categories.enumerated() {
            problems += categoryProblems(category, field: "categories[\(index)]")
        }
        if Set(call.categories.map(\.code)).count != call.categories.count {
            problems.append(Problem(field: "categories", code: .duplicate, message: "项目类别不能重复"))
        }
        if call.categories.isEmpty {
            problems.append(Problem(field: "categories", code: .required, message: "请至少设置一个项目类别"))
        }
        problems += quotaProblems(call)
        problems += optionProblems(
            call.applicantKinds, field: "applicantKinds", label: "申报单位类型", limit: optionLabelLimit)
        problems += optionProblems(
            call.recommenderKinds.map { Option(code: $0.code, label: $0.label) }, field: "recommenderKinds",
            label: "推荐单位类型", limit: optionLabelLimit)
        problems += optionProblems(
            call.eligibilityConditions, field: "eligibilityConditions", label: "申报条件", limit: conditionLabelLimit)
        if call.eligibilityConditions.map(\.code).sorted() != eligibilityCodes.sorted() {
            problems.append(
                Problem(
                    field: "eligibilityConditions", code: .invalidValue,
                    message: "申报条件与申报书第三部分的\(eligibilityCodes.count)项声明逐条对应，只能修改文字，不能增删"))
        }
        problems += optionProblems(
            call.priorityConditions, field: "priorityConditions", label: "优先考虑条件", limit: conditionLabelLimit)
        problems += questionProblems(call.questions ?? [])
        problems += reportProblems(call.reports ?? [])
        if let problem = NoticeTerm.problem(configured: call.noticeWorkingDays) { problems.append(problem) }
        problems += contactProblems(call.contact)
        problems += submissionProblems(call.submission)
        if let edition = call.formEdition, !isEdition(edition) {
            problems.append(
                Problem(
                    field: "formEdition", code: .invalidFormat,
                    message: "申报书版本应写作“2026-02”（年-月），现为“\(edition.prefix(20))”"))
        }
        problems += TextRules.requiredText(call.guideText, maximumLength: 50_000, field: "guideText", label: "申报指南正文")
        problems += GuideText.problems(call.guideText, call: call)
        return problems
    }

    /// What the call's applications would lose: an option, a kind, a condition or a category they
    /// use removed (retiring keeps it readable and is allowed), or an amount they request put
    /// outside the bounds. Empty when nothing uses the call.
    public static func breaks(from old: CallDefinition, to new: CallDefinition, usage: CallUsage) -> [Problem] {
        var problems: [Problem] = []
        for (index, category) in old.categories.enumerated() {
            guard let used = usage.categories[category.code], used.count > 0 else { continue }
            guard let replacement = new.category(category.code) else {
                problems.append(
                    Problem(
                        field: "categories[\(index)]", code: .usedByApplications,
                        message: "已有\(used.count)份\(category.label)申报书，不能删除该类别"))
                continue
            }
            let newIndex = new.categories.firstIndex { $0.code == category.code } ?? index
            let path = "categories[\(newIndex)]"
            problems += removedProblems(
                category.cooperationContent, kept: replacement.cooperationContent, used: used.cooperationContent,
                field: "\(path).cooperationContent", label: "\(category.label)的合作内容")
            problems += removedProblems(
                category.fields, kept: replacement.fields, used: used.fields, field: "\(path).fields",
                label: "\(category.label)的合作领域")
            if let requested = used.requestedYuan {
                if requested.lowerBound < replacement.amountYuan.min {
                    problems.append(
                        Problem(
                            field: "\(path).amountYuan.min", code: .usedByApplications,
                            message:
                                "已有\(category.label)申报书申请\(WanAmount.wanText(requested.lowerBound))万元，资助金额下限不能高于此数"))
                }
                if requested.upperBound > replacement.amountYuan.max {
                    problems.append(
                        Problem(
                            field: "\(path).amountYuan.max", code: .usedByApplications,
                            message:
                                "已有\(category.label)申报书申请\(WanAmount.wanText(requested.upperBound))万元，资助金额上限不能低于此数"))
                }
            }
        }
        let kept = Set((new.questions ?? []).map(\.code))
        for question in old.questions ?? []
        where usage.answeredQuestions.contains(question.code) && !kept.contains(question.code) {
            problems.append(
                Problem(
                    field: "questions", code: .usedByApplications,
                    message: "已有申报书回答了补充问题“\(question.label.prefix(40))”，不能删除"))
        }
        let keptReports = Set(new.projectReports.map(\.code))
        for report in old.projectReports
        where usage.savedReports.contains(report.code) && !keptReports.contains(report.code) {
            problems.append(
                Problem(
                    field: "reports", code: .usedByApplications,
                    message: "已有项目填写了“\(report.title.prefix(40))”，不能删除这份报告"))
        }
        problems += removedProblems(
            old.applicantKinds, kept: new.applicantKinds, used: usage.applicantKinds, field: "applicantKinds",
            label: "申报单位类型")
        problems += removedProblems(
            old.eligibilityConditions, kept: new.eligibilityConditions, used: usage.eligibilityConditions,
            field: "eligibilityConditions", label: "申报条件")
        problems += removedProblems(
            old.priorityConditions, kept: new.priorityConditions, used: usage.priorityConditions,
            field: "priorityConditions", label: "优先考虑条件")
        return problems
    }

    // MARK: - Parts

    static func categoryProblems(_ category: CategoryDefinition, field: String) -> [Problem] {
        var problems = TextRules.requiredText(category.label, maximumLength: 50, field: "\(field).label", label: "类别名称")
        let name = TextRules.isMissing(category.label) ? "该类别" : category.label
        problems += boundsProblems(
            category.funded, range: fundedRange, field: "\(field).funded", label: "\(name)资助数量", unit: "项")
        problems += boundsProblems(
            category.amountYuan, range: InputBounds.amountYuan, field: "\(field).amountYuan", label: "\(name)资助金额",
            unit: "元")
        if category.amountYuan.min == 0 {
            problems.append(
                Problem(field: "\(field).amountYuan.min", code: .notPositive, message: "\(name)资助金额下限应大于0"))
        }
        problems += optionProblems(
            category.cooperationContent, field: "\(field).cooperationContent", label: "\(name)的合作内容",
            limit: optionLabelLimit)
        problems += optionProblems(
            category.fields, field: "\(field).fields", label: "\(name)的合作领域", limit: optionLabelLimit)
        return problems
    }

    /// The categories' minima must fit under the total's maximum, and their maxima reach the
    /// total's minimum, or no meeting could ever decide within the quotas.
    static func quotaProblems(_ call: CallDefinition) -> [Problem] {
        let bounded = call.categories.allSatisfy {
            fundedRange.contains($0.funded.min) && fundedRange.contains($0.funded.max)
        }
        guard bounded, fundedRange.contains(call.totalFunded.min), fundedRange.contains(call.totalFunded.max) else {
            return []
        }
        let minima = call.categories.reduce(0) { $0 + $1.funded.min }
        let maxima = call.categories.reduce(0) { $0 + $1.funded.max }
        var problems: [Problem] = []
        if minima > call.totalFunded.max {
            problems.append(
                Problem(
                    field: "totalFunded.max", code: .categoryQuotaExceeded,
                    message: "各类别资助数量下限之和为\(minima)项，超过资助项目总数上限\(call.totalFunded.max)项"))
        }
        if maxima < call.totalFunded.min {
            problems.append(
                Problem(
                    field: "totalFunded.min", code: .totalQuotaShort,
                    message: "各类别资助数量上限之和为\(maxima)项，达不到资助项目总数下限\(call.totalFunded.min)项"))
        }
        return problems
    }

    static func boundsProblems(
        _ bounds: Bounds, range: ClosedRange<Int>, field: String, label: String, unit: String
    ) -> [Problem] {
        var problems: [Problem] = []
        if let problem = InputBounds.problem(
            bounds.min, in: range, field: "\(field).min", label: "\(label)下限", unit: unit)
        {
            problems.append(problem)
        }
        if let problem = InputBounds.problem(
            bounds.max, in: range, field: "\(field).max", label: "\(label)上限", unit: unit)
        {
            problems.append(problem)
        }
        if problems.isEmpty, bounds.min > bounds.max {
            problems.append(
                Problem(
                    field: "\(field).min", code: .outOfRange,
                    message: "\(label)下限（\(bounds.min)\(unit)）不能大于上限（\(bounds.max)\(unit)）"))
        }
        return problems
    }

    /// A list of options: at least one in use, at most `optionLimit`, each with a code and a text,
    /// no code or text twice.
    static func optionProblems(_ options: [Option], field: String, label: String, limit: Int) -> [Problem] {
        var problems: [Problem] = []
        if options.count > optionLimit {
            problems.append(
                Problem(field: field, code: .tooMany, message: "\(label)最多\(optionLimit)项，现为\(options.count)项"))
        }
        if !options.isEmpty, options.allSatisfy({ $0.isRetired }) {
            problems.append(Problem(field: field, code: .required, message: "\(label)至少要保留一项未停用的选项"))
        }
        var codes: Set<String> = []
        var labels: Set<String> = []
        for (index, option) in options.prefix(optionLimit).enumerated() {
            let path = "\(field)[\(index)]"
            let ordinal = "\(label)第\(index + 1)项"
            if let problem = codeProblem(option.code, seen: &codes, path: path, ordinal: ordinal, kind: "选项") {
                problems.append(problem)
            }
            problems += TextRules.requiredText(
                option.label, maximumLength: limit, field: "\(path).label", label: ordinal)
            let text = option.label.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, !labels.insert(text).inserted {
                problems.append(
                    Problem(field: "\(path).label", code: .duplicate, message: "\(ordinal)“\(text.prefix(40))”与前面的选项重复")
                )
            }
        }
        return problems
    }

    /// The extra questions: at most `Question.limit`, each with a code and a text, choices with
    /// options, bounds in order.
    /// `field` and `noun` name the list: the call's 补充问题, or a report's questions.
    static func questionProblems(_ questions: [Question], field: String = "questions", noun: String = "补充问题")
        -> [Problem]
    {
        var problems: [Problem] = []
        if questions.count > Question.limit {
            problems.append(
                Problem(field: field, code: .tooMany, message: "\(noun)最多\(Question.limit)个，现为\(questions.count)个"))
        }
        var codes: Set<String> = []
        for (index, question) in questions.prefix(Question.limit).enumerated() {
            let path = "\(field)[\(index)]"
            let ordinal = "第\(index + 1)个\(noun)"
            if let problem = codeProblem(question.code, seen: &codes, path: path, ordinal: ordinal, kind: "问题") {
                problems.append(problem)
            }
            problems += TextRules.requiredText(
                question.label, maximumLength: optionLabelLimit, field: "\(path).label", label: "\(ordinal)的问题")
            problems += TextRules.maximumLength(
                question.help, conditionLabelLimit, field: "\(path).help", label: "\(ordinal)的填写说明")
            if question.kind.hasOptions {
                problems += optionProblems(
                    question.options ?? [], field: "\(path).options", label: "\(ordinal)的选项", limit: optionLabelLimit)
                if (question.options ?? []).isEmpty {
                    problems.append(Problem(field: "\(path).options", code: .required, message: "请为\(ordinal)设置选项"))
                }
            }
            if question.kind == .longText, let limit = question.maxLength,
                let problem = InputBounds.problem(
                    limit, in: Question.maxLengthRange, field: "\(path).maxLength", label: "\(ordinal)的字数上限", unit: "字")
            {
                problems.append(problem)
            }
            if question.kind == .number {
                let minimum = question.minimum ?? Question.numberRange.lowerBound
                let maximum = question.maximum ?? Question.numberRange.upperBound
                problems += boundsProblems(
                    Bounds(min: minimum, max: maximum), range: Question.numberRange, field: path,
                    label: "\(ordinal)的数值",
                    unit: "")
            }
        }
        return problems
    }

    /// The reports a funded project owes: at most `reportLimit`, each with a code and a title,
    /// one final report at most, due on a valid day or so many days after the end (not both),
    /// its questions checked as the extra questions are, prefills naming its text questions.
    static func reportProblems(_ reports: [ReportDefinition]) -> [Problem] {
        var problems: [Problem] = []
        if reports.count > reportLimit {
            problems.append(
                Problem(field: "reports", code: .tooMany, message: "项目报告最多\(reportLimit)份，现为\(reports.count)份"))
        }
        if reports.filter({ $0.kind == .final }).count > 1 {
            problems.append(Problem(field: "reports", code: .duplicate, message: "总结报告（kind 为 final）只能有一份"))
        }
        var codes: Set<String> = []
        for (index, report) in reports.prefix(reportLimit).enumerated() {
            let path = "reports[\(index)]"
            let ordinal = "第\(index + 1)份报告"
            if let problem = codeProblem(report.code, seen: &codes, path: path, ordinal: ordinal, kind: "报告") {
                problems.append(problem)
            }
            problems += TextRules.requiredText(
                report.title, maximumLength: 40, field: "\(path).title", label: "\(ordinal)的名称")
            if let dueOn = report.dueOn, Day(dueOn) == nil {
                problems.append(
                    Problem(
                        field: "\(path).dueOn", code: .invalidFormat,
                        message: "\(ordinal)的截止日期应为日期，如“2026-06-30”，现为“\(dueOn.prefix(20))”"))
            }
            if let days = report.daysAfterEnd {
                if report.dueOn != nil {
                    problems.append(
                        Problem(
                            field: "\(path).daysAfterEnd", code: .invalidValue,
                            message: "\(ordinal)已有截止日期，不能同时设置项目结束后的天数"))
                } else if let problem = InputBounds.problem(
                    days, in: 0...366, field: "\(path).daysAfterEnd", label: "\(ordinal)的项目结束后天数", unit: "天")
                {
                    problems.append(problem)
                }
            }
            let name = TextRules.isMissing(report.title) ? ordinal : report.title
            problems += questionProblems(report.questions, field: "\(path).questions", noun: "\(name)的问题")
            for code in (report.prefill ?? [:]).keys.sorted()
            where !report.questions.contains(where: {
                $0.code == code && ($0.kind == .shortText || $0.kind == .longText)
            }) {
                problems.append(
                    Problem(
                        field: "\(path).prefill", code: .unknownField,
                        message: "\(name)的预填项“\(code.prefix(40))”不是该报告的文字类问题"))
            }
        }
        return problems
    }

    public static let reportLimit = 10

    static func contactProblems(_ contact: CallContact) -> [Problem] {
        var problems: [Problem] = []
        for (value, field, label) in [
            (contact.department, "contact.department", "联系部门"), (contact.person, "contact.person", "联系人"),
            (contact.address, "contact.address", "联系地址"), (contact.email, "contact.email", "电子邮箱"),
        ] {
            problems += TextRules.requiredText(value, maximumLength: 100, field: field, label: label)
        }
        problems += PhoneNumber.problems(contact.phone, field: "contact.phone", label: "联系电话")
        if !TextRules.isMissing(contact.email), !isEmail(contact.email) {
            problems.append(Problem(field: "contact.email", code: .invalidEmail, message: "电子邮箱格式不正确"))
        }
        return problems
    }

    static func submissionProblems(_ submission: SubmissionRequirements) -> [Problem] {
        var problems: [Problem] = []
        if let problem = InputBounds.problem(
            submission.paperCopies, in: 1...copiesRange.upperBound, field: "submission.paperCopies", label: "纸质申报书份数",
            unit: "份")
        {
            problems.append(problem)
        }
        if let problem = InputBounds.problem(
            submission.nonConfidentialityCopies, in: copiesRange, field: "submission.nonConfidentialityCopies",
            label: "非涉密证明份数", unit: "份")
        {
            problems.append(problem)
        }
        problems += TextRules.requiredText(
            submission.email, maximumLength: 100, field: "submission.email", label: "材料接收邮箱")
        if !TextRules.isMissing(submission.email), !isEmail(submission.email) {
            problems.append(Problem(field: "submission.email", code: .invalidEmail, message: "材料接收邮箱格式不正确"))
        }
        for (value, field, label) in [
            (submission.packageNaming, "submission.packageNaming", "电子版文件夹命名"),
            (submission.paperFormat, "submission.paperFormat", "纸质材料要求"),
            (submission.electronicContents, "submission.electronicContents", "电子版内容"),
        ] {
            problems += TextRules.requiredText(value, maximumLength: 200, field: field, label: label)
        }
        return problems
    }

    /// Options that existing applications use and that the new list no longer holds.
    static func removedProblems(_ old: [Option], kept: [Option], used: Set<String>, field: String, label: String)
        -> [Problem]
    {
        let keptCodes = Set(kept.map(\.code))
        return old.filter { used.contains($0.code) && !keptCodes.contains($0.code) }.map {
            Problem(
                field: field, code: .usedByApplications,
                message: "已有申报书选择了\(label)“\($0.label.prefix(40))”，不能删除，可改为停用")
        }
    }

    /// A list entry's code: a valid code, not one an earlier entry of the list (`seen`) has.
    static func codeProblem(_ code: String, seen: inout Set<String>, path: String, ordinal: String, kind: String)
        -> Problem?
    {
        if !isCode(code) {
            return Problem(
                field: "\(path).code", code: .invalidFormat, message: "\(ordinal)的代码应为1至40个英文字母、数字或连字符")
        }
        guard seen.insert(code).inserted else {
            return Problem(field: "\(path).code", code: .duplicate, message: "\(ordinal)的代码与前面的\(kind)重复")
        }
        return nil
    }

    static func isCode(_ code: String) -> Bool {
        (1...40).contains(code.count)
            && code.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-"
            }
    }

    static func isEdition(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (2000...2100).contains(year),
            parts[1].count == 2, let month = Int(parts[1])
        else { return false }
        return (1...12).contains(month)
    }

    static func isEmail(_ value: String) -> Bool {
        let parts = value.trimmingCharacters(in: .whitespaces).split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !value.contains(" ")
    }
}

/// What a call's applications use of it, for `CallDefinitionCheck.breaks`.
public struct CallUsage: Hashable, Sendable {
    public struct CategoryUsage: Hashable, Sendable {
        public var count: Int
        public var cooperationContent: Set<String>
        public var fields: Set<String>
        /// The smallest and largest amount requested, in 元, when any is.
        public var requestedYuan: ClosedRange<Int>?

        public init(count: Int, cooperationContent: Set<String>, fields: Set<String>, requestedYuan: ClosedRange<Int>?)
        {
            self.count = count
            self.cooperationContent = cooperationContent
            self.fields = fields
            self.requestedYuan = requestedYuan
        }
    }

    public var categories: [Category: CategoryUsage]
    public var applicantKinds: Set<String>
    public var eligibilityConditions: Set<String>
    public var priorityConditions: Set<String>
    /// Codes of the extra questions some application answered.
    public var answeredQuestions: Set<String>
    /// Codes of the reports some funded project has saved.
    public var savedReports: Set<String>

    public init(
        categories: [Category: CategoryUsage] = [:], applicantKinds: Set<String> = [],
        eligibilityConditions: Set<String> = [], priorityConditions: Set<String> = [],
        answeredQuestions: Set<String> = [], savedReports: Set<String> = []
    ) {
        self.categories = categories
        self.applicantKinds = applicantKinds
        self.eligibilityConditions = eligibilityConditions
        self.priorityConditions = priorityConditions
        self.answeredQuestions = answeredQuestions
        self.savedReports = savedReports
    }

    public var isEmpty: Bool { categories.values.allSatisfy { $0.count == 0 } }
}
