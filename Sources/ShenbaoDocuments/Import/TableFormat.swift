import Foundation

/// What kind of table an upload holds, told by its first bytes; the name only decides what to
/// say about a file that is no workbook.
enum TableFormat: Equatable {
    /// A ZIP archive: an Office Open XML workbook.
    case xlsx
    /// Text, read as comma- or tab-separated values.
    case csv
    /// A format Excel reads but this reader does not (see `TableReadError.legacyExcel`).
    case legacyExcel
    /// A file named as a workbook that is no ZIP archive.
    case unreadable

    /// `PK\3\4`, the local header every ZIP archive starts with.
    private static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    /// The signature of an OLE compound file: .xls, .et, and any workbook saved with a password.
    private static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let workbookExtensions: Set<String> = ["xlsx", "xlsm", "xltx", "xltm"]
    private static let legacyExtensions: Set<String> = ["xls", "et"]

    init(data: Data, fileName: String) {
        if data.starts(with: Self.zipSignature) {
            self = .xlsx
            return
        }
        if data.starts(with: Self.compoundFileSignature) {
            self = .legacyExcel
            return
        }
        let fileExtension = (fileName as NSString).pathExtension.lowercased()
        if Self.workbookExtensions.contains(fileExtension) {
            self = .unreadable
        } else if Self.startsWithMarkup(data) {
            // A web page or an XML spreadsheet: some systems export these under an .xls name.
            self = Self.legacyExtensions.contains(fileExtension) ? .legacyExcel : .unreadable
        } else {
            self = .csv
        }
    }

    /// True when the first character after a UTF-8 byte order mark and blanks is `<`.
    private static func startsWithMarkup(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "<")
    }
}
