/// Text made safe to stand inside an XML 1.0 element or attribute of an Office Open XML part.
///
/// What a clerk pastes from Word or a web page can hold characters XML 1.0 forbids (a stray
/// U+000B from a Word line break, a NUL): Excel declares such a file corrupt, so they are dropped.
/// Line breaks become `\n` alone, because an XML parser turns a literal `\r` into `\n` anyway and
/// a cell shows `\n` as its line break; a browser sends a textarea's lines joined by `\r\n`.
enum XMLText {
    /// `value` with the five markup characters escaped, for element content and quoted attributes.
    static func escaped(_ value: String) -> String {
        // Almost every text of a form needs nothing done: one pass over its bytes says so.
        if isPlain(value) { return value }
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in cleaned(value).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `value` without the characters XML 1.0 forbids, and with `\r\n` and `\r` made `\n`.
    static func cleaned(_ value: String) -> String {
        if isPlain(value) { return value }
        var scalars = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in value.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            if scalar == "\n" && previousWasCarriageReturn { continue }
            if scalar == "\r" {
                scalars.append("\n")
            } else if isAllowed(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// True when `value` has no markup character, no control character but tab and line feed,
    /// and no U+FFFE or U+FFFF (UTF-8 `EF BF BE`/`EF BF BF`).
    static func isPlain(_ value: String) -> Bool {
        var sawEF = false
        var sawEFBF = false
        for byte in value.utf8 {
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27: return false
            case 0x00...0x08, 0x0B...0x1F: return false
            case 0xBE,
                0xBF where sawEFBF:
                return false
            default: break
            }
            sawEFBF = sawEF && byte == 0xBF
            sawEF = byte == 0xEF
        }
        return true
    }

    /// XML 1.0's `Char` production; Swift strings hold no lone surrogates, so those need no check.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x1_0000...0x10_FFFF: true
        default: false
        }
    }
}
