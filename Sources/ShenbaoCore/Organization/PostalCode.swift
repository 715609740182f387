/// 邮政编码: six digits.
///
/// Only the shape is checked: Hunan's codes are 410000–427999, but national societies outside
/// Hunan register too, and an office's code is not tied to the division it chose.
public enum PostalCode {
    public static func problems(
        _ raw: String?, field: String, label: String = "邮政编码"
    ) -> [Problem] {
        if TextRules.isMissing(raw) { return [TextRules.missing(field: field, label: label)] }
        guard let raw, !isValid(raw) else { return [] }
        return [
            Problem(field: field, code: .invalidPostalCode, message: "\(label)应为6位数字，如 410005")
        ]
    }

    /// Six digits once trimmed; full-width digits count, as an input method may type them.
    public static func isValid(_ raw: String) -> Bool {
        let code = TextNormalization.halfWidth(TextNormalization.trimmed(raw))
        return code.utf8.count == 6 && TextNormalization.isASCIIDigits(code)
    }
}
