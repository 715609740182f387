/// 联系电话: a mainland mobile or a landline with its area code.
///
/// Formats follow libphonenumber's data for China (see /work/shared/reference/README.md): the
/// province calls back on this number, so a landline without its area code, or with a local
/// number of the wrong length for its area, is refused rather than stored.
public enum PhoneNumber {
    /// Area codes whose local numbers have 8 digits: Beijing and the 02x cities, and 0731
    /// (长沙、株洲、湘潭).
    private static let eightDigitAreas: Set<String> = [
        "010", "020", "021", "022", "023", "024", "025", "026", "027", "028", "029", "0731",
    ]
    /// The other Hunan area codes, whose local numbers have 7 digits.
    private static let sevenDigitAreas: Set<String> = [
        "0730", "0734", "0735", "0736", "0737", "0738", "0739", "0743", "0744", "0745", "0746",
    ]

    public static func problems(_ raw: String?, field: String, label: String) -> [Problem] {
        if TextRules.isMissing(raw) { return [TextRules.missing(field: field, label: label)] }
        guard let raw, !isMobile(raw), !isLandline(raw) else { return [] }
        return [
            Problem(
                field: field, code: .invalidPhone,
                message: "\(label)格式不正确：请填写带区号的固定电话（如 0731-84884381）或11位手机号码")
        ]
    }

    /// An 11-digit mainland mobile, 1[3-9] then 9 digits, with an optional +86 or 86 in front;
    /// spaces and hyphens between digits are ignored. The second digit is kept loose because new
    /// prefixes keep appearing.
    public static func isMobile(_ raw: String) -> Bool {
        var digits = TextNormalization.halfWidth(TextNormalization.trimmed(raw))
        if digits.hasPrefix("+") { digits.removeFirst() }
        digits.removeAll { $0 == " " || $0 == "-" }
        guard TextNormalization.isASCIIDigits(digits) else { return false }
        if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        let utf8 = Array(digits.utf8)
        return utf8.count == 11 && utf8[0] == UInt8(ascii: "1")
            && utf8[1] >= UInt8(ascii: "3") && utf8[1] <= UInt8(ascii: "9")
    }

    /// 0 + area code, an optional hyphen or space, the local number, and an optional extension
    /// written `-1234` or `转1234`.
    static func isLandline(_ raw: String) -> Bool {
        let text = TextNormalization.halfWidth(TextNormalization.trimmed(raw))
            .filter { $0 != " " }

        // The extension first, since a hyphen may introduce it as well as separate the area code.
        var main = Substring(text)
        let transferMark = text.firstIndex(of: "转")
        if let transferMark {
            guard isExtension(text[text.index(after: transferMark)...]) else { return false }
            main = text[..<transferMark]
        }
        var groups = main.split(separator: "-", omittingEmptySubsequences: false)
        // Without 转, `area-local-ext` has three groups and `arealocal-ext` two whose first is
        // more than an area code.
        if transferMark == nil, groups.count == 3 || (groups.count == 2 && !isAreaCode(groups[0])) {
            guard let last = groups.last, isExtension(last) else { return false }
            groups.removeLast()
        }
        guard groups.count == 1 || (groups.count == 2 && isAreaCode(groups[0])) else {
            return false
        }
        return isAreaAndLocal(groups.joined())
    }

    /// Area code followed directly by the local number, checked against the area's length.
    private static func isAreaAndLocal(_ digits: String) -> Bool {
        guard TextNormalization.isASCIIDigits(digits), digits.hasPrefix("0") else { return false }
        // 010 and 02x are the only three-digit area codes; every other one has four.
        let threeDigit = digits.hasPrefix("010") || digits.hasPrefix("02")
        let area = String(digits.prefix(threeDigit ? 3 : 4))
        let local = digits.dropFirst(area.count)
        // Local numbers start with 2–9: a 0 would be another trunk prefix, a 1 a service number.
        guard area.count == (threeDigit ? 3 : 4), let first = local.first, first != "0", first != "1"
        else { return false }
        if eightDigitAreas.contains(area) { return local.count == 8 }
        if sevenDigitAreas.contains(area) { return local.count == 7 }
        return local.count == 7 || local.count == 8
    }

    private static func isAreaCode(_ group: Substring) -> Bool {
        TextNormalization.isASCIIDigits(group) && group.hasPrefix("0")
            && (group.count == 3 || group.count == 4)
    }

    private static func isExtension(_ group: Substring) -> Bool {
        TextNormalization.isASCIIDigits(group) && group.count <= 6
    }
}
