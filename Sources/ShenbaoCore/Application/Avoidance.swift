/// What an applicant's avoidance request (申请回避) names: one expert, or one organisation whose
/// experts are all unsuitable.
public enum AvoidanceKind: String, Codable, CaseIterable, Hashable, Sendable {
    case expert
    case organization

    public var label: String {
        switch self {
        case .expert: "专家"
        case .organization: "单位"
        }
    }
}

/// One expert or organisation the applicant asks not to review its application (申请回避), as the
/// NSFC's rules allow: at most ``ApplicationRules/avoidanceLimit``, each with its reason.
///
/// Part of the form (so drafts, the API and the page keep it like any field), but not of the
/// official Word form: the documents never print it, and experts never see it (the server strips
/// it with ``ApplicationForm/withoutAvoidances`` from whatever an expert reads).
public struct Avoidance: Codable, Hashable, Sendable {
    /// `expert` or `organization`.
    public var kind: String?
    /// The expert's full name, or the organisation's full name.
    public var name: String?
    public var reason: String?

    public init(kind: String? = nil, name: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.name = name
        self.reason = reason
    }

    /// Whether every field is blank: a row of the page the applicant left empty.
    public var isBlank: Bool {
        TextRules.isMissing(kind) && TextRules.isMissing(name) && TextRules.isMissing(reason)
    }
}

extension ApplicationForm {
    /// The form as an expert may read it: without the applicant's avoidance requests.
    public var withoutAvoidances: ApplicationForm {
        var form = self
        form.avoidances = nil
        return form
    }

    /// The names the applicant asked to avoid, trimmed, per kind (for ``AssignmentInput``).
    public func avoidedNames(_ kind: AvoidanceKind) -> [String] {
        (avoidances ?? []).prefix(ApplicationRules.avoidanceLimit).compactMap { avoidance in
            guard avoidance.kind == kind.rawValue, let name = avoidance.name.map(TextNormalization.trimmed),
                !name.isEmpty
            else { return nil }
            return name
        }
    }
}

extension ApplicationRules {
    /// The NSFC's rule: "不得超过三个" experts or organisations named as unsuitable.
    public static let avoidanceLimit = 3
    /// A reason is a sentence or two.
    public static let avoidanceReasonLimit = 200

    /// Every problem of the avoidance requests, all at once; the section itself is optional.
    ///
    /// `complete` false judges a draft being saved: only the count and the lengths, so a
    /// half-typed row is kept; true (at submission) also requires each row's kind, name and reason.
    public static func avoidanceProblems(_ avoidances: [Avoidance]?, complete: Bool) -> [Problem] {
        let avoidances = avoidances ?? []
        var problems = countProblems(
            avoidances, limit: avoidanceLimit, field: "avoidances", label: "申请回避的专家或单位", unit: "个")
        for (index, avoidance) in avoidances.prefix(avoidanceLimit).enumerated() {
            let path = "avoidances[\(index)]"
            let ordinal = "第\(index + 1)个申请回避的"
            let kind = avoidance.kind.flatMap { AvoidanceKind(rawValue: TextNormalization.trimmed($0)) }
            if let raw = avoidance.kind, !TextRules.isMissing(raw), kind == nil {
                problems.append(
                    Problem(field: "\(path).kind", code: .invalidValue, message: "\(ordinal)对象应为专家或单位"))
            } else if complete, kind == nil {
                problems.append(
                    Problem(field: "\(path).kind", code: .required, message: "请选择\(ordinal)对象是专家还是单位"))
            }
            let nameLabel = "\(ordinal)\(kind?.label ?? "专家或单位")名称"
            let nameLimit = kind == .expert ? shortTextLimit : organizationNameLimit
            let name = avoidance.name.map(TextNormalization.trimmed)
            let reason = avoidance.reason.map(TextNormalization.trimmed)
            if complete {
                problems += text(name, limit: nameLimit, field: "\(path).name", label: nameLabel)
                problems += text(reason, limit: avoidanceReasonLimit, field: "\(path).reason", label: "\(ordinal)理由")
            } else {
                problems += TextRules.maximumLength(name, nameLimit, field: "\(path).name", label: nameLabel)
                problems += TextRules.maximumLength(
                    reason, avoidanceReasonLimit, field: "\(path).reason", label: "\(ordinal)理由")
            }
        }
        return problems
    }
}
