import Foundation
import ShenbaoCore

/// The call's extra questions on the form page (补充信息, after section 二): each with its
/// answer as typed, its options, and its problem beside it; and the posted answers read back,
/// typed as each question asks.
struct QuestionRow: Encodable {
    struct Choice: Encodable {
        var code: String
        var label: String
        var checked: Bool
    }

    var code: String
    var label: String
    var kind: String
    /// The province's help text and what the answer must be (bounds, length), shown under the
    /// label and read out with the input (aria-describedby).
    var help: String
    /// The ids that describe the input: the hint's and, when there is one, the problem's.
    var describedBy: String
    var required: Bool
    var value: String
    var choices: [Choice]
    var yes: Bool
    var no: Bool
    var limit: Int
    var error: String
    /// A file question: the files uploaded for it.
    var files: [String]
    /// The answer as the documents write it (an option's text, 是 or 否, a file question's files),
    /// for the on-screen document's 补充信息.
    var display: String

    /// The rows of the questions `category` asks, answered from `answers`, with `problems`.
    static func rows(
        _ questions: [Question], category: ShenbaoCore.Category, answers: [String: Answer], problems: [Problem],
        files: [(condition: String?, name: String)]
    ) -> [QuestionRow] {
        questions.filter { $0.asks(category) }.map { question in
            let answer = answers[question.code]
            var value = ""
            var chosen: [String] = []
            var flag: Bool?
            switch answer {
            case .text(let text): value = text
            case .number(let number): value = "\(number)"
            case .flag(let given): flag = given
            case .choices(let codes): chosen = codes
            case nil: break
            }
            if question.kind == .singleChoice { chosen = value.isEmpty ? [] : [value] }
            let field = "answers.\(question.code)"
            let uploaded = files.filter { $0.condition == question.code }.map(\.name)
            let help = [question.help ?? "", Self.bounds(of: question)].filter { !$0.isEmpty }.joined(separator: "；")
            let error = problems.filter { $0.field == field }.map(\.message).joined(separator: "；")
            let describedBy = [
                help.isEmpty ? nil : "h_answers_\(question.code)", error.isEmpty ? nil : "err_answers_\(question.code)",
            ].compactMap { $0 }.joined(separator: " ")
            return QuestionRow(
                code: question.code, label: question.label, kind: question.kind.rawValue, help: help,
                describedBy: describedBy,
                required: question.required, value: value,
                choices: (question.options ?? []).offered(keeping: chosen).map {
                    Choice(code: $0.code, label: $0.label, checked: chosen.contains($0.code))
                },
                yes: flag == true, no: flag == false, limit: question.textLimit,
                error: error,
                files: uploaded,
                display: question.kind == .file
                    ? uploaded.joined(separator: "、") : answer?.display(for: question) ?? "")
        }
    }

    /// What a number or a long text must be, in the words of the problem it would otherwise meet.
    static func bounds(of question: Question) -> String {
        switch question.kind {
        case .number:
            switch (question.minimum, question.maximum) {
            case (let low?, let high?): return "填写\(low)至\(high)之间的整数"
            case (let low?, nil): return "填写不小于\(low)的整数"
            case (nil, let high?): return "填写不大于\(high)的整数"
            case (nil, nil): return "填写整数"
            }
        case .longText: return "最多\(question.textLimit)字"
        default: return ""
        }
    }

    /// The posted answers (`answers[code]`, `answerChoices[code][]`), typed for each question
    /// the category asks; a number that is none is the page's problem, named by the question.
    static func answers(
        texts: [String: String], choices: [String: [String]], questions: [Question], category: ShenbaoCore.Category
    ) -> ([String: Answer], [Problem]) {
        var answers: [String: Answer] = [:]
        var problems: [Problem] = []
        for question in questions.filter({ $0.asks(category) }) {
            let typed = (texts[question.code] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            switch question.kind {
            case .file:
                continue
            case .multipleChoice:
                let codes = (choices[question.code] ?? []).filter { !$0.isEmpty }
                if !codes.isEmpty { answers[question.code] = .choices(codes) }
            case .yesNo:
                if typed == "yes" { answers[question.code] = .flag(true) }
                if typed == "no" { answers[question.code] = .flag(false) }
            case .number:
                guard !typed.isEmpty else { continue }
                if let number = Int(typed), typed.count <= 12 {
                    answers[question.code] = .number(number)
                } else {
                    problems.append(
                        Problem(
                            field: "answers.\(question.code)", code: .notANumber,
                            message: "\(question.label)应为整数，现为“\(typed.prefix(20))”"))
                }
            case .shortText, .longText, .date, .singleChoice:
                if !typed.isEmpty { answers[question.code] = .text(typed) }
            }
        }
        return (answers, problems)
    }
}
