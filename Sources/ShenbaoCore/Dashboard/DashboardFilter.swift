import Foundation

/// The dashboard narrowed by the answers to the call's choice questions (补充信息: single choice,
/// multiple choice, 是/否; docs/rules.md §2): every figure is then counted over the applications
/// whose answers match every chosen option, and only those.
///
/// On the wire each filter is a query parameter `q.<question code>=<option code>`: a single
/// choice matches its answer, a multiple choice an answer that includes the option, a yes/no
/// question `yes` or `no`. An empty value is no filter (全部).
public struct DashboardFilter: Hashable, Sendable {
    /// One filter: the applications whose answer to `question` is (or includes) `option`.
    public struct Choice: Hashable, Sendable {
        public var question: String
        public var option: String

        public init(question: String, option: String) {
            self.question = question
            self.option = option
        }
    }

    /// A question the dashboard can be filtered by, with the options it offers: the current ones,
    /// and a retired one as long as a counted application chose it.
    public struct Offer: Codable, Hashable, Sendable {
        public var code: String
        public var label: String
        public var kind: Question.Kind
        public var options: [Option]
        /// The option filtered by now, nil for 全部.
        public var selected: String?
    }

    public var choices: [Choice]

    public init(_ choices: [Choice] = []) { self.choices = choices }

    /// The query parameters' prefix: `q.format=online`.
    public static let prefix = "q."
    /// At most this many filter parameters in one request: one per question of the call.
    public static let limit = Question.limit
    /// The option codes of a yes/no question, as the form sends them.
    public static let yes = "yes"
    public static let no = "no"

    public static func filterable(_ question: Question) -> Bool {
        question.kind == .singleChoice || question.kind == .multipleChoice || question.kind == .yesNo
    }

    /// The options a question can be filtered by, retired ones included (a filter link kept from
    /// before the retirement still works). A yes/no question's are 是 and 否.
    static func options(of question: Question) -> [Option] {
        question.kind == .yesNo
            ? [Option(code: yes, label: "是"), Option(code: no, label: "否")] : question.options ?? []
    }

    /// Reads the `q.…` parameters against the call's questions, every problem at once: a code that
    /// is no question of the call, a question that is not a choice, an option it does not have,
    /// a question filtered twice, more parameters than `limit`. Others are not its business.
    public static func parse(_ parameters: [(name: String, value: String)], call: CallDefinition)
        -> (filter: DashboardFilter, problems: [Problem])
    {
        let ours = parameters.filter { $0.name.hasPrefix(prefix) }
        var problems: [Problem] = []
        if ours.count > limit {
            problems.append(
                Problem(
                    field: "q", code: .tooMany, message: "补充信息筛选条件最多\(limit)项，现为\(ours.count)项"))
        }
        let questions = call.questions ?? []
        var choices: [Choice] = []
        var seen = Set<String>()
        for (name, value) in ours.prefix(limit) {
            let code = String(name.dropFirst(prefix.count))
            let field = prefix + String(code.prefix(40))
            let option = value.trimmingCharacters(in: .whitespaces)
            guard let question = questions.first(where: { $0.code == code }) else {
                problems.append(
                    Problem(
                        field: field, code: .unknownField,
                        message: "筛选条件 \(field) 不是本年度申报指南的补充问题"))
                continue
            }
            guard filterable(question) else {
                problems.append(
                    Problem(
                        field: field, code: .invalidValue,
                        message: "补充问题“\(question.label)”不是单选、多选或是/否题，不能用于筛选"))
                continue
            }
            guard seen.insert(code).inserted else {
                problems.append(
                    Problem(field: field, code: .duplicate, message: "补充问题“\(question.label)”只能按一个选项筛选"))
                continue
            }
            guard !option.isEmpty else { continue }
            guard options(of: question).contains(where: { $0.code == option }) else {
                problems.append(
                    Problem(
                        field: field, code: .invalidOption,
                        message: "补充问题“\(question.label)”没有选项“\(option.prefix(40))”"))
                continue
            }
            choices.append(Choice(question: code, option: option))
        }
        return (DashboardFilter(problems.isEmpty ? choices : []), problems)
    }

    /// Whether an application answered as `answers` is counted: it matches every filter. An
    /// unanswered question matches no option.
    public func matches(_ answers: [String: Answer]) -> Bool {
        choices.allSatisfy { choice in
            switch answers[choice.question] {
            case .text(let code): code == choice.option
            case .choices(let codes): codes.contains(choice.option)
            case .flag(let flag): (flag ? Self.yes : Self.no) == choice.option
            case .number, nil: false
            }
        }
    }

    /// What the page offers for each choice question of the call, in the form's order. A retired
    /// option stays while `answers` (the counted applications', before filtering) hold it, or while
    /// it is the one filtered by.
    public func offers(call: CallDefinition, answers: [[String: Answer]]) -> [Offer] {
        (call.questions ?? []).filter(Self.filterable).map { question in
            let selected = choices.first { $0.question == question.code }?.option
            var chosen = Set<String>()
            for answer in answers {
                switch answer[question.code] {
                case .text(let code): chosen.insert(code)
                case .choices(let codes): chosen.formUnion(codes)
                default: break
                }
            }
            if let selected { chosen.insert(selected) }
            return Offer(
                code: question.code, label: question.label, kind: question.kind,
                options: Self.options(of: question).offered(keeping: chosen), selected: selected)
        }
    }
}
