import Foundation

/// Reads the first sheet of a table a clerk keeps in Excel — an .xlsx workbook or a CSV file —
/// as rows of texts, so a list such as the province's expert pool (专家库) can be imported.
///
/// The format is told by the bytes, not the name: a file saved as CSV but named .xlsx, or the
/// other way round, still reads. Files come from outside, so every limit below is checked before
/// anything grows with the input, and a file that breaks one is refused with a message a clerk
/// understands (`TableReadError.message`), never cut short without a word.
public enum TableReader {
    /// Rows a table may fill; empty rows after its last text do not count.
    public static let maximumRows = 20_000
    /// Columns a table may fill; empty columns after a row's last text do not count.
    public static let maximumColumns = 100
    /// Bytes of the uploaded file, and of any one part of a workbook once unpacked.
    public static let maximumPartSize = 50 * 1024 * 1024
    /// Bytes of all the parts of a workbook together once unpacked.
    public static let maximumTotalSize = 100 * 1024 * 1024

    /// The first sheet's rows, top to bottom; each row has as many cells as the widest row.
    ///
    /// Cells are the texts a spreadsheet program shows, without leading or trailing spaces (full-width
    /// ones too) or line breaks; a number without a fraction shows no `.0` (a phone number kept as a
    /// number reads `13812345678`), and a missing cell reads `""`. Empty rows after the last text are
    /// dropped; empty rows before it are kept, so `rows[i]` is the sheet's row `i + 1` in a workbook
    /// and the file's record `i + 1` in a CSV. An empty file, or one of blanks only, gives no rows.
    ///
    /// - Parameters:
    ///   - data: The file as uploaded.
    ///   - fileName: The name it was uploaded under. Only consulted when the bytes are not a
    ///     workbook, to refuse a damaged .xlsx or an old .xls instead of reading it as text.
    public static func rows(data: Data, fileName: String) throws(TableReadError) -> [[String]] {
        guard data.count <= maximumPartSize else { throw .fileTooLarge }
        switch TableFormat(data: data, fileName: fileName) {
        case .xlsx: return try XlsxTableReader.rows(data)
        case .csv: return try CSVParser.rows(CSVText.decoded(data))
        case .legacyExcel: throw .legacyExcel
        case .unreadable: throw .unreadable
        }
    }
}
