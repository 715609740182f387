import CoreFoundation
import Foundation

/// The text of a CSV file, in the encodings Excel saves one in.
///
/// Excel's “CSV UTF-8” writes UTF-8 after a byte order mark; its plain “CSV” on a Chinese Windows
/// writes GBK, which GB 18030 contains; its “Unicode text” writes UTF-16 after a byte order mark.
/// Text that is valid UTF-8 is read as UTF-8 (GBK Chinese almost never is), anything else as
/// GB 18030. What decodes in neither, or holds control characters no table has, is refused.
enum CSVText {
    /// GB 18030-2000 as Foundation names it; Foundation decodes it on Linux as on macOS.
    static let gb18030 = String.Encoding(
        rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue))
    )

    static func decoded(_ data: Data) throws(TableReadError) -> String {
        let text: String?
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = String(data: data.dropFirst(3), encoding: .utf8)
        } else if data.starts(with: [0xFF, 0xFE]) {
            text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian)
        } else if data.starts(with: [0xFE, 0xFF]) {
            text = String(data: data.dropFirst(2), encoding: .utf16BigEndian)
        } else {
            text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: gb18030)
        }
        guard let text, !text.unicodeScalars.contains(where: isBinary) else { throw .unreadable }
        return text
    }

    /// C0 controls other than tab, line feed, vertical tab, form feed and carriage return: what a
    /// binary file is full of and a text table never holds.
    private static func isBinary(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0E...0x1F: true
        default: false
        }
    }
}
