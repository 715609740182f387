/// Text made safe and short enough to stand in an SVG drawn on the server.
///
/// Every label of a chart comes from people (an organisation's name, a recommender's): it is
/// escaped here, always, which is what lets a page inline the SVG unescaped. ShenbaoDocuments
/// has its own escaping for Office XML; Core depends on nothing, so this one stands alone.
enum SVGText {
    /// `value` with the five markup characters escaped and the characters XML 1.0 forbids dropped.
    static func escaped(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            // A line break would show as a space; any other control is not allowed in XML 1.0.
            case "\t", "\n", "\r": result += " "
            default:
                switch scalar.value {
                case 0x20...0xFFFD, 0x1_0000...0x10_FFFF: result.unicodeScalars.append(scalar)
                default: break
                }
            }
        }
        return result
    }

    /// The width of `value` in ems, estimated: a browser measures, the server can only guess, so
    /// Chinese, full-width and wide symbols count as one em and everything else as six tenths.
    static func width(_ value: String) -> Double {
        value.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1 : 0.6) }
    }

    /// `value` cut to fit `ems`, ending in "…" when cut.
    static func fitted(_ value: String, ems: Double) -> String {
        guard width(value) > ems else { return value }
        var result = ""
        var used = 1.0  // the ellipsis
        for character in value {
            let next = width(String(character))
            if used + next > ems { break }
            result.append(character)
            used += next
        }
        return result + "…"
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x2_0000...0x3_FFFD:
            true
        default: false
        }
    }
}
