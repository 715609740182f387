/// The province's registration of an organisation by hand (人工登记, docs/rules.md §3).
///
/// Every rule of self-registration holds, with one exception the province alone may make: a
/// 统一社会信用代码 of the right shape whose check character fails (a few codes of the 2015
/// pilot exist legally so) is accepted once a clerk writes down why, after checking the licence.
/// Self-registration never calls this, so it keeps refusing such a code.
public enum HandRegistration {
    /// Enough for "已核对营业执照原件" and the like; a word or two is no record of a check.
    public static let minimumReasonLength = 10
    public static let maximumReasonLength = 500
    public static let reasonLabel = "人工登记理由"

    /// What the rules make of a form and a reason.
    public struct Outcome: Hashable, Sendable {
        /// Every problem at once; empty when the organisation may be stored.
        public var problems: [Problem]
        /// The reason to store beside the code: only when the check character fails and the
        /// reason is good. A code that passes stores no reason, so none stands without need.
        public var exceptionReason: String?
    }

    /// The registration rules with the check-character exception applied.
    ///
    /// `reason` is the clerk's reason; `reasonField` where its problems go.
    public static func evaluate(
        _ form: OrganizationForm, reason: String?, call: CallDefinition, divisions: DivisionCatalog,
        prefix: String = "organization", reasonField: String = "usccExceptionReason"
    ) -> Outcome {
        let usccField = "\(prefix).uscc"
        var problems = RegistrationRules.problems(in: form, call: call, divisions: divisions, prefix: prefix)
        let failsOnlyCheck = problems.contains { $0.field == usccField && $0.code == "invalidCheckCharacter" }
        guard failsOnlyCheck else { return Outcome(problems: problems, exceptionReason: nil) }

        problems.removeAll { $0.field == usccField && $0.code == "invalidCheckCharacter" }
        let reasonProblems = Self.reasonProblems(reason, field: reasonField)
        guard reasonProblems.isEmpty, let reason else {
            problems.append(
                Problem(
                    field: usccField, code: .checkCharacterNeedsReason,
                    message:
                        "统一社会信用代码校验位不通过。如已核对营业执照或登记证书，代码确实如此（如2015年试点期间赋予的代码），请在“\(reasonLabel)”中写明核验情况"
                ))
            return Outcome(problems: problems + reasonProblems, exceptionReason: nil)
        }
        return Outcome(problems: problems, exceptionReason: TextNormalization.trimmed(reason))
    }

    /// `required`, `tooShort` or `tooLong` for the reason of an exception.
    static func reasonProblems(_ reason: String?, field: String) -> [Problem] {
        guard let reason, !TextRules.isMissing(reason) else {
            return [
                Problem(
                    field: field, code: .required,
                    message: "请填写\(reasonLabel)（至少\(minimumReasonLength)个字）：核对了哪份证照、代码为何不能通过校验")
            ]
        }
        let count = TextNormalization.trimmed(reason).count
        if count < minimumReasonLength {
            return [
                Problem(
                    field: field, code: .tooShort,
                    message: "\(reasonLabel)至少\(minimumReasonLength)个字，当前为\(count)个字：请写明核对了哪份证照")
            ]
        }
        return TextRules.maximumLength(reason, maximumReasonLength, field: field, label: reasonLabel)
    }
}
