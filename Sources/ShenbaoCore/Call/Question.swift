import Foundation

/// A question the province adds to a call's form beyond the official ones (补充信息, docs/rules.md
/// §2): shown in its own section after 二, printed as the appendix page 补充信息 of the Word form,
/// a column of the application list, checked by the same rules as the official fields.
public struct Question: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
        case shortText, longText, number, date, singleChoice, multipleChoice, yesNo, file

        public var label: String {
            switch self {
            case .shortText: "单行文字"
            case .longText: "多行文字"
            case .number: "数字"
            case .date: "日期"
            case .singleChoice: "单选"
            case .multipleChoice: "多选"
            case .yesNo: "是/否"
            case .file: "文件"
            }
        }

        public var hasOptions: Bool { self == .singleChoice || self == .multipleChoice }
    }

    /// Stable code: the answer's key in the form and the API, the list's column.
    public var code: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// The categories whose form asks it; nil or empty for both.
    public var categories: [Category]?
    public var help: String?
    /// Long text: its limit in characters (short text: 100).
    public var maxLength: Int?
    /// Number: its bounds (whole numbers).
    public var minimum: Int?
    public var maximum: Int?
    /// Single and multiple choice: the options, retired ones kept readable.
    public var options: [Option]?

    public init(
        code: String, label: String, kind: Kind, required: Bool = false, categories: [Category]? = nil,
        help: String? = nil, maxLength: Int? = nil, minimum: Int? = nil, maximum: Int? = nil, options: [Option]? = nil
    ) {
        self.code = code
        self.label = label
        self.kind = kind
        self.required = required
        self.categories = categories
        self.help = help
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.options = options
    }

    public func asks(_ category: Category) -> Bool {
        (categories ?? []).isEmpty || (categories ?? []).contains(category)
    }

    /// The characters a text answer may have.
    public var textLimit: Int { kind == .longText ? (maxLength ?? 2_000) : 100 }

    /// Limits of the editor.
    public static let limit = 30
    public static let maxLengthRange = 1...10_000
    public static let numberRange = -1_000_000_000...1_000_000_000
}

/// An answer to a `Question`, typed as its kind asks: text (short, long, a date as
/// `YYYY-MM-DD`, a single choice's code), a whole number, yes or no, or the codes of a multiple
/// choice. In JSON it is the plain value: `"文字"`, `12`, `true`, `["a", "b"]`. A file
/// question's answer is the evidence file uploaded for it, not a value here.
public enum Answer: Codable, Hashable, Sendable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case choices([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .choices(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .flag(let flag): try container.encode(flag)
        case .choices(let codes): try container.encode(codes)
        }
    }

    /// The answer as the documents and the list write it, option codes as their labels.
    public func display(for question: Question) -> String {
        let options = question.options ?? []
        func label(_ code: String) -> String { options.first { $0.code == code }?.label ?? code }
        switch self {
        case .text(let text):
            if question.kind == .date, let day = Day(text) { return day.chinese }
            return question.kind == .singleChoice ? label(text) : text
        case .number(let number): return "\(number)"
        case .flag(let flag): return flag ? "是" : "否"
        case .choices(let codes): return codes.map(label).joined(separator: "、")
        }
    }
}
