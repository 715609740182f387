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
    /// and no U+FFFE or U+FFFF (UTF-8 `EF BF BE`/`EF BF BF`). One pass over the bytes through a
    /// table: this runs on every text of every document.
    static func isPlain(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if needsCare[Int(byte)] {
                    guard byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF else {
                        if byte == 0xEF { index += 1; continue }
                        return false
                    }
                    if bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF { return false }
                }
                index += 1
            }
            return true
        }
    }

    /// Bytes that may make a text not plain: markup, controls, and the lead byte of U+FFFx.
    private static let needsCare: [Bool] = (0...255).map { byte in
        switch byte {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0xEF: true
        default: false
        }
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
