/// A recommender organisation as the province types it: the page's form, the API's body, one row
/// of an imported list. `kind` is a `RecommenderKind` code or the words a clerk writes for it.
public struct RecommenderForm: Codable, Hashable, Sendable {
    public var name: String?
    public var kind: String?
    public var divisionCode: String?

    public init(name: String? = nil, kind: String? = nil, divisionCode: String? = nil) {
        self.name = name
        self.kind = kind
        self.divisionCode = divisionCode
    }

    /// Trimmed; the code half-width (a Chinese input method types full-width digits); empty is nil.
    public func normalized() -> RecommenderForm {
        func clean(_ value: String?) -> String? {
            guard let value else { return nil }
            let trimmed = TextNormalization.trimmed(value)
            return trimmed.isEmpty ? nil : trimmed
        }
        return RecommenderForm(
            name: clean(name), kind: clean(kind),
            divisionCode: clean(divisionCode.map(TextNormalization.halfWidth)))
    }

    /// The kind the form names, nil when it names none or one that does not exist.
    public var recommenderKind: RecommenderKind? { RecommenderRules.kind(named: kind) }
}

/// The rules of a recommender organisation the province creates, edits or imports: a name, one of
/// the six kinds, and for the territorial kinds (属地管理) the Hunan division they serve.
public enum RecommenderRules {
    public static let nameLength = 100

    /// Every problem of the form at once, each on its field under `prefix` (`rows[3]` for a row
    /// of an import gives `rows[3].name`).
    public static func problems(in form: RecommenderForm, divisions: DivisionCatalog, prefix: String = "") -> [Problem]
    {
        let form = form.normalized()
        let p = prefix.isEmpty ? "" : prefix + "."
        var problems = TextRules.requiredText(
            form.name, maximumLength: nameLength, field: "\(p)name", label: "单位名称")
        let kind = kind(named: form.kind)
        if form.kind == nil {
            problems.append(Problem(field: "\(p)kind", code: .required, message: "请选择推荐单位类别"))
        } else if kind == nil {
            let shown = String((form.kind ?? "").prefix(20))
            problems.append(
                Problem(
                    field: "\(p)kind", code: .invalidValue,
                    message: "推荐单位类别“\(shown)”无法识别，应为：\(knownLabels)"))
        }
        problems += divisionProblems(form.divisionCode, kind: kind, field: "\(p)divisionCode", divisions: divisions)
        return problems
    }

    /// A county association serves one Hunan county, a city association one of the 14 cities
    /// (its code ends in 00); the other kinds may name a division or not.
    static func divisionProblems(
        _ code: String?, kind: RecommenderKind?, field: String, divisions: DivisionCatalog
    ) -> [Problem] {
        let label = "行政区划代码"
        guard let code else {
            switch kind {
            case .county?:
                return [
                    Problem(
                        field: field, code: .required,
                        message: "县（市、区）科协须填写所在县（市、区）的\(label)（6位数字，如岳麓区为430104）")
                ]
            case .city?:
                return [
                    Problem(
                        field: field, code: .required, message: "市州科协须填写所在市州的\(label)（6位数字，以00结尾，如长沙市为430100）")
                ]
            default:
                return []
            }
        }
        guard code.count == 6, TextNormalization.isASCIIDigits(code) else {
            return [
                Problem(
                    field: field, code: .invalidFormat,
                    message: "\(label)应为6位数字，当前为“\(String(code.prefix(20)))”")
            ]
        }
        let division = divisions.division(code: code)
        switch kind {
        case .county? where division?.level != .county:
            let found = division.map { "\(code)是\($0.name)的代码，" } ?? "\(code)不是湖南省的县（市、区）代码，"
            return [
                Problem(
                    field: field, code: .notCounty,
                    message: "\(label)\(found)县（市、区）科协应填所在县（市、区）的代码，如岳麓区为430104")
            ]
        case .city? where division?.level != .prefecture:
            let found = division.map { "\(code)是\($0.name)的代码，" } ?? "\(code)不是湖南省的市州代码，"
            return [
                Problem(
                    field: field, code: .notCity,
                    message: "\(label)\(found)市州科协应填所在市州的代码（以00结尾），如长沙市为430100")
            ]
        default:
            return []
        }
    }

    /// The kind a clerk names: its code, its label, or a common shorter spelling; brackets may
    /// be half-width and spaces anywhere.
    public static func kind(named raw: String?) -> RecommenderKind? {
        guard let raw else { return nil }
        let key = spelling(raw)
        guard !key.isEmpty else { return nil }
        if let kind = RecommenderKind(rawValue: key) { return kind }
        return RecommenderKind.allCases.first { kind in
            ([kind.label] + aliases(kind)).contains { spelling($0) == key }
        }
    }

    /// The spellings of each kind the guide and clerks use besides its label.
    static func aliases(_ kind: RecommenderKind) -> [String] {
        switch kind {
        case .county: ["县市区科协", "县级科协", "县科协", "区科协", "县（市、区）科学技术协会"]
        case .city: ["市州科协", "市级科协", "市科协", "州科协", "市州科学技术协会"]
        case .provincialSociety: ["省级学会", "省级协会", "省级研究会", "省级学会（协会、研究会）"]
        case .university: ["高校", "高校科协", "高等学校科协"]
        case .enterprise: ["企业科协", "园区科协", "企业（园区）科协"]
        case .nationalSociety: ["全国学会", "国家级学会", "全国性学会"]
        }
    }

    /// Compared without spaces, with half-width brackets and commas made full-width.
    private static func spelling(_ text: String) -> String {
        String(
            TextNormalization.halfWidth(text).compactMap { character -> Character? in
                switch character {
                case " ", "\t": nil
                case "(": "（"
                case ")": "）"
                case ",": "、"
                default: character
                }
            })
    }

    /// What a refusal lists as the accepted kinds.
    public static var knownLabels: String {
        RecommenderKind.allCases.map(\.label).joined(separator: "、")
    }

    /// A reason the province gives (for a deactivation or a handover): required, bounded.
    public static func reasonProblems(_ reason: String?, field: String = "reason", label: String) -> [Problem] {
        TextRules.requiredText(
            reason.map(TextNormalization.trimmed), maximumLength: reasonLength, field: field, label: label)
    }

    public static let reasonLength = 500
}
