/// One worksheet: its cells row by row, and how it is laid out on screen and on paper.
public struct XlsxSheet: Hashable, Sendable {
    /// The tab's name; `XlsxWorkbook` makes it one Excel accepts (see `XlsxSheetName`).
    public var name: String
    /// Rows from the top, each from column A; a shorter row leaves the rest of its columns empty.
    public var rows: [[XlsxCell]]
    /// Widths of columns A, B, … in Excel's units (about one Latin digit, half a Chinese character);
    /// columns past the list keep Excel's default.
    public var columnWidths: [Double]
    /// Merged ranges as Excel writes them, e.g. `A1:F1`; the top-left cell's value and style show.
    public var merges: [String]
    /// Rows kept in view while scrolling (e.g. down to the header row); 0 freezes nothing.
    public var frozenRows: Int
    /// How the sheet prints; nil leaves it to the spreadsheet program's defaults.
    public var printSetup: XlsxPrintSetup?

    public init(
        name: String, rows: [[XlsxCell]] = [], columnWidths: [Double] = [], merges: [String] = [],
        frozenRows: Int = 0, printSetup: XlsxPrintSetup? = nil
    ) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.merges = merges
        self.frozenRows = frozenRows
        self.printSetup = printSetup
    }
}
