import Foundation

/// The first worksheet of an .xlsx workbook, read within `TableReader`'s limits.
enum XlsxTableReader {
    static func rows(_ data: Data) throws(TableReadError) -> [[String]] {
        var archive = try BoundedArchive(data)
        let index = try XlsxWorkbookIndex(&archive)
        guard let worksheet = try archive.part(index.worksheetPath) else { throw .unreadable }
        let strings = try archive.part(index.sharedStringsPath).map(SharedStringsReader.read) ?? []
        return try WorksheetReader.rows(worksheet, sharedStrings: strings)
    }
}
