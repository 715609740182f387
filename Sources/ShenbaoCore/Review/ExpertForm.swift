import Foundation

/// An expert of the pool as the province enters or imports it (专家信息).
public struct ExpertForm: Codable, Hashable, Sendable {
    public var name: String?
    public var organizationName: String?
    public var title: String?
    /// Field codes of the call, or their Chinese labels as a spreadsheet gives them.
    public var fields: [String]?
    public var phone: String?
    public var email: String?

    public init(
        name: String? = nil, organizationName: String? = nil, title: String? = nil, fields: [String]? = nil,
        phone: String? = nil, email: String? = nil
    ) {
        self.name = name
        self.organizationName = organizationName
        self.title = title
        self.fields = fields
        self.phone = phone
        self.email = email
    }

    /// Every field option of the call, both categories, by code.
    public static func fieldOptions(of call: CallDefinition) -> [Option] {
        var seen: Set<String> = []
        return call.categories.flatMap(\.fields).filter { seen.insert($0.code).inserted }
    }

    /// The field codes, each given as a code or as its label; `nil` entries are unknown.
    public func fieldCodes(call: CallDefinition) -> [String?] {
        let options = Self.fieldOptions(of: call)
        return (fields ?? []).map { given in
            let trimmed = given.trimmingCharacters(in: .whitespaces)
            return options.first { $0.code == trimmed || $0.label == trimmed }?.code
        }
    }

    /// Every problem at once, each on its field under `prefix` (empty for the API's bare names).
    public func problems(call: CallDefinition, prefix: String = "") -> [Problem] {
        let p = prefix.isEmpty ? "" : prefix + "."
        var problems: [Problem] = []
        problems += TextRules.requiredText(name, maximumLength: 50, field: "\(p)name", label: "专家姓名")
        problems += TextRules.requiredText(
            organizationName, maximumLength: 100, field: "\(p)organizationName", label: "工作单位")
        problems += TextRules.requiredText(title, maximumLength: 50, field: "\(p)title", label: "职称")
        if (fields ?? []).isEmpty {
            problems.append(Problem(field: "\(p)fields", code: .required, message: "请至少选择一个专业领域"))
        }
        for (given, code) in zip(fields ?? [], fieldCodes(call: call)) where code == nil {
            problems.append(
                Problem(field: "\(p)fields", code: .invalidValue, message: "专业领域“\(given)”不在本年度指南的合作领域中"))
        }
        problems += PhoneNumber.problems(phone, field: "\(p)phone", label: "联系电话")
        problems += AccountRules.emailProblems(email, field: "\(p)email")
        return problems
    }
}
