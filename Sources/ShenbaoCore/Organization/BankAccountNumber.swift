/// 账号 of the organisation's bank account, where the funds are paid.
///
/// Corporate accounts have 8 to 32 digits depending on the bank, often with a leading 0 that
/// matters, and no Luhn check digit (unlike card numbers), so only the shape is checked. The number
/// is kept as text, never as an integer, so the leading zeros survive.
public enum BankAccountNumber {
    public static func problems(
        _ raw: String?, field: String, label: String = "账号"
    ) -> [Problem] {
        if TextRules.isMissing(raw) { return [TextRules.missing(field: field, label: label)] }
        guard let raw else { return [] }
        let digits = normalized(raw)
        if TextNormalization.isASCIIDigits(digits), (8...32).contains(digits.utf8.count) {
            return []
        }
        let detail =
            TextNormalization.isASCIIDigits(digits)
            ? "当前为\(digits.utf8.count)位" : "只能包含数字（可用空格或连字符分隔）"
        return [
            Problem(
                field: field, code: .invalidAccountNumber,
                message: "\(label)应为8至32位数字，\(detail)")
        ]
    }

    /// The digits as stored: trimmed, full-width made half-width, spaces and hyphens (used to
    /// group digits on bank documents) removed.
    public static func normalized(_ raw: String) -> String {
        TextNormalization.halfWidth(raw).filter { !$0.isWhitespace && $0 != "-" }
    }

    public static func isValid(_ raw: String) -> Bool {
        problems(raw, field: "accountNumber").isEmpty
    }
}
