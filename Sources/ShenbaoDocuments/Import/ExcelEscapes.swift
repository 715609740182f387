/// Excel's `_xHHHH_` escapes in the text of a cell, decoded as Excel shows them.
///
/// Excel writes a character XML cannot hold (a control character, a lone carriage return) as
/// `_x000D_`, and a literal `_x` that would read as an escape as `_x005F_x`.
enum ExcelEscapes {
    static func decoded(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, hex.allSatisfy(\.isHexDigit), after.dropFirst(4).first == "_",
                let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value)
            {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        return result + rest
    }
}
