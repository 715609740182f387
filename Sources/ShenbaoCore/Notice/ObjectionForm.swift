/// An objection (异议) to a project under public notice, as the public sends it. As is the rule
/// for such notices it is real-name, reachable and concrete (docs/rules.md §8): an anonymous name,
/// a number nobody answers or a one-word text is refused, each with its reason.
public struct ObjectionForm: Codable, Equatable, Sendable {
    public var applicationId: String?
    /// An individual's name, or an organisation's full name.
    public var name: String?
    /// A phone number the province can call back.
    public var contact: String?
    public var text: String?

    public init(applicationId: String? = nil, name: String? = nil, contact: String? = nil, text: String? = nil) {
        self.applicationId = applicationId
        self.name = name
        self.contact = contact
        self.text = text
    }

    /// Words that mean "no name": an objection must say who makes it.
    static let anonymousNames: Set<String> = ["匿名", "无名氏", "群众", "知情人", "知情者", "某某", "不愿透露姓名", "anonymous"]
    public static let minimumTextLength = 20
    public static let maximumTextLength = 3000

    /// Every problem at once; `onNotice` is whether the application named is on the list.
    public func problems(onNotice: Bool) -> [Problem] {
        var problems: [Problem] = []
        if TextRules.isMissing(applicationId) {
            problems.append(Problem(field: "applicationId", code: .required, message: "请选择提出异议的项目"))
        } else if !onNotice {
            problems.append(Problem(field: "applicationId", code: .notOnNotice, message: "所选项目不在本次公示名单中"))
        }
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            problems.append(Problem(field: "name", code: .required, message: "请填写异议人姓名或单位名称（异议须实名提出）"))
        } else if Self.anonymousNames.contains(name.lowercased()) || name.count < 2 {
            problems.append(
                Problem(field: "name", code: .anonymous, message: "异议须实名提出：请填写真实姓名或单位全称，匿名异议不予受理"))
        } else {
            problems += TextRules.maximumLength(name, 100, field: "name", label: "异议人姓名或单位名称")
        }
        problems += PhoneNumber.problems(contact, field: "contact", label: "联系电话")
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems.append(TextRules.missing(field: "text", label: "异议内容"))
        } else if text.count < Self.minimumTextLength {
            problems.append(
                Problem(
                    field: "text", code: .tooShort,
                    message: "异议内容应具体说明事实和理由，至少\(Self.minimumTextLength)个字，当前为\(text.count)个字"))
        } else {
            problems += TextRules.maximumLength(text, Self.maximumTextLength, field: "text", label: "异议内容")
        }
        return problems
    }
}
