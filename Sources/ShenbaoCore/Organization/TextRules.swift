/// The two checks every free-text field of a form gets: present, and not longer than its limit.
///
/// Length is counted in `Character`s (what a clerk sees as one 字), so 100 Chinese characters and
/// 100 letters are both 100. Nothing is truncated silently: a 1 MB paste is refused with the count.
public enum TextRules {
    /// Empty or whitespace-only counts as missing: a name of three spaces is no name.
    public static func isMissing(_ value: String?) -> Bool {
        guard let value else { return true }
        return value.allSatisfy { $0.isWhitespace }
    }

    /// `required` when missing, naming the field.
    public static func required(_ value: String?, field: String, label: String) -> [Problem] {
        isMissing(value) ? [missing(field: field, label: label)] : []
    }

    /// The number of Unicode scalars: the UTF-8 bytes that do not continue a sequence, counted in
    /// one pass over contiguous bytes.
    static func scalarCount(_ value: String) -> Int {
        var value = value
        return value.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }

    /// `tooLong` when over `limit` characters; nothing for a missing value (that is `required`'s job).
    public static func maximumLength(
        _ value: String?, _ limit: Int, field: String, label: String
    ) -> [Problem] {
        // A text never has more characters than Unicode scalars, and scalars are far cheaper to
        // count than characters: most texts are settled without the exact count.
        guard let value, scalarCount(value) > limit else { return [] }
        let count = value.count
        guard count > limit else { return [] }
        return [
            Problem(
                field: field, code: .tooLong,
                message: "\(label)不能超过\(limit)个字，当前为\(count)个字")
        ]
    }

    /// Required and at most `limit` characters: the rule of most text fields of section 一.
    public static func requiredText(
        _ value: String?, maximumLength limit: Int, field: String, label: String
    ) -> [Problem] {
        if isMissing(value) { return [missing(field: field, label: label)] }
        return maximumLength(value, limit, field: field, label: label)
    }

    /// The one wording of `required`, so every form says it the same way.
    public static func missing(field: String, label: String) -> Problem {
        Problem(field: field, code: .required, message: "请填写\(label)")
    }
}

/// Normalisation shared by the validators of codes and numbers.
enum TextNormalization {
    /// Full-width ASCII (U+FF01–U+FF5E, what a Chinese input method types in full-width mode) to
    /// half-width, and the ideographic space U+3000 to a plain space; everything else unchanged.
    static func halfWidth(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000:
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Trimmed of whitespace and newlines at both ends.
    static func trimmed(_ value: String) -> String {
        guard let first = value.firstIndex(where: { !$0.isWhitespace }),
            let last = value.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(value[first...last])
    }

    /// Whether every character is one of 0–9 (not other scripts' digits, which `isNumber` allows).
    static func isASCIIDigits<S: StringProtocol>(_ value: S) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// How a character is shown inside a message: invisible ones as U+XXXX so the user can find them.
    static func visible(_ character: Character) -> String {
        let invisible = character.unicodeScalars.contains {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
        }
        guard invisible else { return "“\(character)”" }
        return character.unicodeScalars
            .map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
