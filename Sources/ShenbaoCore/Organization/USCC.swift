/// 统一社会信用代码 (unified social credit code), GB 32100-2015.
///
/// 18 characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z, which
/// read like 1, 0, 5, U, 2). Positions 3–8 are the registering office's division, position 18 is a
/// check character over the first 17. The check catches every single-character typo, since 31 is
/// prime and no weight is a multiple of it.
///
/// A few codes of the 2015 Fujian pilot (e.g. 91350100M0001TGQXM) fail the check yet exist
/// legally; they are refused here and the province registers such an organisation by hand after
/// checking its licence (docs/rules.md §3).
public enum USCC {
    static let alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let label = "统一社会信用代码"

    /// Each alphabet character's value, its position in the alphabet.
    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, $0.offset) })

    /// What a clerk most likely meant: surrounding and inner spaces dropped (codes get copied from
    /// licences printed in groups), full-width characters made half-width, and lower case made
    /// upper case (the code has no lower case, and people type it).
    public static func normalized(_ raw: String) -> String {
        let halfWidth = TextNormalization.halfWidth(raw)
        var result = ""
        for character in halfWidth where !character.isWhitespace {
            // Only ASCII letters are upper-cased: anything else is shown back as typed.
            if let ascii = character.asciiValue, ascii >= 0x61, ascii <= 0x7A {
                result.append(Character(Unicode.Scalar(ascii - 0x20)))
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The 18th character for these 17, or nil when they are not 17 characters of the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (character, weight) in zip(first17, weights) {
            guard let value = values[character] else { return nil }
            sum += value * weight
        }
        let check = (31 - sum % 31) % 31
        return alphabet[alphabet.index(alphabet.startIndex, offsetBy: check)]
    }

    /// Every problem of a raw code, after normalisation: `required`, `length`,
    /// `invalidCharacter`, `invalidCheckCharacter` (the last only once the others are fixed, since
    /// it means nothing for a code of the wrong shape).
    public static func problems(_ raw: String?, field: String) -> [Problem] {
        let code = normalized(raw ?? "")
        if code.isEmpty { return [TextRules.missing(field: field, label: label)] }

        var problems: [Problem] = []
        let count = code.count
        if count != 18 {
            problems.append(
                Problem(
                    field: field, code: .length,
                    message: "\(label)应为18位，当前为\(count)位"))
        }

        var invalid: [Character] = []
        for character in code where values[character] == nil && !invalid.contains(character) {
            invalid.append(character)
            // Ten are enough to show what is wrong; a pasted page must not become the message.
            if invalid.count == 10 { break }
        }
        if !invalid.isEmpty {
            let shown = invalid.map(TextNormalization.visible).joined(separator: "、")
            problems.append(
                Problem(
                    field: field, code: .invalidCharacter,
                    message:
                        "\(label)含有不允许的字符：\(shown)。只能使用数字和大写字母，且不使用 I、O、S、V、Z"))
        }

        if problems.isEmpty, let last = code.last, checkCharacter(for: String(code.dropLast())) != last {
            problems.append(
                Problem(
                    field: field, code: .invalidCheckCharacter,
                    message:
                        "\(label)校验不通过，请对照营业执照或登记证书逐位核对；如证照上的代码确实如此，请联系省科协人工核验"))
        }
        return problems
    }

    /// Whether the code, once normalised, has no problem at all.
    public static func isValid(_ raw: String) -> Bool {
        problems(raw, field: "uscc").isEmpty
    }

    /// Positions 3–8, the registering office's division at registration time (100000 for national
    /// registrations), of a valid code; nil for an invalid one.
    public static func divisionDigits(_ uscc: String) -> String? {
        let code = normalized(uscc)
        guard isValid(code) else { return nil }
        return String(code.dropFirst(2).prefix(6))
    }
}
