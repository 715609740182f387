/// Row heights estimated from the text, for rows whose wrapped text needs more than one line.
///
/// A spreadsheet stores no line breaks for wrapped text: the reading program lays it out. Excel
/// fits such rows when it opens a file, but LibreOffice — the server's PDF route — converts with
/// every row one line high, so a 400-字 summary would print as its first line. The writer
/// therefore gives each row a height from an estimate that errs on the generous side: a row a
/// little too tall prints a little white space, one too short hides the applicant's text.
enum RowHeight {
    /// Excel's row height for an 11 pt font, what a row gets when it has no height of its own.
    static let defaultHeight = 15.0
    /// Excel's width of a column that has none set.
    static let defaultColumnWidth = 8.43

    /// The height in points of a row, each cell with the width its text has (a merged cell its
    /// merge's), or nil when every cell is one line of the default font, which any reader fits.
    static func estimate(_ cells: [(cell: XlsxCell, width: Double)]) -> Double? {
        var height: Double?
        for (cell, width) in cells {
            guard case .text(let text, let style) = cell else { continue }
            let lines = style.wraps ? lineCount(text, width: width) : 1
            guard lines > 1 || style.fontSize > XlsxStyle.normal.fontSize else { continue }
            height = max(height ?? defaultHeight, Double(lines) * lineHeight(style.fontSize) + 4)
        }
        return height?.rounded(.up)
    }

    /// Line height of a font size: CJK fonts (Noto Sans CJK, 宋体) need about 1.35 em.
    static func lineHeight(_ fontSize: Double) -> Double {
        fontSize * 1.35
    }

    /// Lines `text` takes in a column `width` units wide, filling each line character by
    /// character; each `\n` starts a new line.
    static func lineCount(_ text: String, width: Double) -> Int {
        // One unit is a Latin digit; a cell loses about a unit to its padding, and a line breaks
        // before it is quite full (a word or a closing mark moves down whole).
        let usable = max((width - 1.5) * 0.95, 2)
        var lines = 1
        var filled = 0.0
        var afterCarriageReturn = false
        var text = text
        // Straight over the UTF-8 bytes (no cleaning pass, no scalar decoding beyond what the
        // width needs): `\r\n`, `\r` and `\n` each break a line, and a control character the
        // writer would drop only makes the estimate a touch generous.
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let scalar: UInt32
                switch lead {
                case 0..<0x80:
                    scalar = UInt32(lead)
                    index += 1
                case 0xC0..<0xE0 where index + 1 < bytes.count:
                    scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                case 0xE0..<0xF0 where index + 2 < bytes.count:
                    scalar =
                        UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                case 0xF0...0xFF where index + 3 < bytes.count:
                    scalar =
                        UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                default:
                    scalar = 0xFFFD
                    index += 1
                }
                let isCarriageReturn = scalar == 0x0D
                defer { afterCarriageReturn = isCarriageReturn }
                if scalar == 0x0A || isCarriageReturn {
                    if scalar == 0x0A && afterCarriageReturn { continue }
                    lines += 1
                    filled = 0
                    continue
                }
                let advance = units(value: scalar)
                if filled + advance > usable, filled > 0 {
                    lines += 1
                    filled = 0
                }
                filled += advance
            }
        }
        return lines
    }

    /// Width in column units: 2 for a character a CJK font sets full-width, else 1.
    static func units(_ scalar: Unicode.Scalar) -> Double {
        units(value: scalar.value)
    }

    static func units(value: UInt32) -> Double {
        switch value {
        case 0x1100...0x115F, 0x2010...0x2027, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x2_0000...0x3_FFFD:
            2
        default:
            1
        }
    }
}
