extension ApplicationRules {
    /// What even a draft's answers may not be: more answers than a call has questions, a text
    /// longer than any question allows, a number past any question's bounds, a list of choices
    /// longer than any question offers. Saved as typed otherwise; `answerProblems` judges them.
    static func answerDraftProblems(_ answers: [String: Answer]?) -> [Problem] {
        guard let answers else { return [] }
        var problems = countProblems(
            Array(answers.keys), limit: Question.limit, field: "answers", label: "补充信息的回答", unit: "项")
        for (code, answer) in answers.sorted(by: { $0.key < $1.key }).prefix(Question.limit) {
            let field = "answers.\(code.prefix(40))"
            switch answer {
            case .text(let text):
                problems += TextRules.maximumLength(
                    text, Question.maxLengthRange.upperBound, field: field, label: "补充信息")
            case .number(let number):
                if let problem = InputBounds.problem(number, in: Question.numberRange, field: field, label: "补充信息") {
                    problems.append(problem)
                }
            case .choices(let codes):
                problems += countProblems(codes, limit: choiceCodeLimit, field: field, label: "补充信息的选项", unit: "项")
            case .flag: break
            }
        }
        return problems
    }

    /// The call's extra questions for `category`, answered as each asks: every required one
    /// answered, each answer of its question's type and within its bounds, choices among the
    /// options offered, a file question's file uploaded (an evidence file marked with its code);
    /// an answer to no question of the call is refused by name. All at once, in the questions'
    /// order.
    public static func answerProblems(
        _ answers: [String: Answer]?, questions: [Question], category: Category, attachments: [AttachedFile]
    ) -> [Problem] {
        let answers = answers ?? [:]
        let asked = questions.filter { $0.asks(category) }
        var problems: [Problem] = []
        for question in asked {
            let field = "answers.\(question.code)"
            let label = question.label
            if question.kind == .file {
                if question.required,
                    !attachments.contains(where: { $0.kind == .evidence && $0.condition == question.code })
                {
                    problems.append(Problem(field: field, code: .missingAttachment, message: "请上传\(label)"))
                }
                continue
            }
            guard let answer = answers[question.code], !isBlank(answer) else {
                if question.required {
                    let verb = question.kind.hasOptions || question.kind == .yesNo ? "请选择" : "请填写"
                    problems.append(Problem(field: field, code: .required, message: "\(verb)\(label)"))
                }
                continue
            }
            problems += answerProblems(of: answer, for: question, field: field)
        }
        let known = Set(asked.map(\.code))
        let unknown = answers.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            let shown = unknown.prefix(5).map { "“\($0.prefix(40))”" }.joined(separator: "、")
            problems.append(
                Problem(field: "answers", code: .unknownField, message: "补充信息中的\(shown)不是本类别申报书的问题，请删除"))
        }
        return problems
    }

    static func isBlank(_ answer: Answer) -> Bool {
        switch answer {
        case .text(let text): TextRules.isMissing(text)
        case .choices(let codes): codes.isEmpty
        case .number, .flag: false
        }
    }

    static func answerProblems(of answer: Answer, for question: Question, field: String) -> [Problem] {
        let label = question.label
        let offered = (question.options ?? [])
        func choiceProblem(_ code: String) -> Problem? {
            guard let option = offered.first(where: { $0.code == code }) else {
                return Problem(
                    field: field, code: .unknownOption, message: "\(label)中的“\(code.prefix(40))”不是可选的选项，请从列出的选项中选择")
            }
            guard !option.isRetired else {
                return Problem(field: field, code: .invalidOption, message: "\(label)中的“\(option.label)”已停用，请改选其他选项")
            }
            return nil
        }
        switch (question.kind, answer) {
        case (.shortText, .text(let text)), (.longText, .text(let text)):
            return TextRules.maximumLength(text, question.textLimit, field: field, label: label)
        case (.date, .text(let text)):
            return Day(TextNormalization.trimmed(text)) == nil
                ? [
                    Problem(
                        field: field, code: .invalidFormat, message: "\(label)应为日期，如“2026-05-01”，现为“\(text.prefix(20))”"
                    )
                ]
                : []
        case (.number, .number(let number)):
            let lowest = question.minimum ?? Question.numberRange.lowerBound
            let highest = question.maximum ?? Question.numberRange.upperBound
            // The editor keeps lowest ≤ highest; a stored call that does not is read as no answer fits.
            let range = lowest <= highest ? lowest...highest : lowest...lowest
            return InputBounds.problem(number, in: range, field: field, label: label).map { [$0] } ?? []
        case (.yesNo, .flag):
            return []
        case (.singleChoice, .text(let code)):
            return choiceProblem(code).map { [$0] } ?? []
        case (.multipleChoice, .choices(let codes)):
            var problems = codes.compactMap(choiceProblem)
            if Set(codes).count != codes.count {
                problems.append(Problem(field: field, code: .duplicate, message: "\(label)中有选项选了不止一次"))
            }
            return problems
        default:
            return [Problem(field: field, code: .invalidType, message: "\(label)的回答应为\(question.kind.label)")]
        }
    }
}
