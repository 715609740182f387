/// Why an uploaded table was not read; `message` says it to the clerk who uploaded it.
public enum TableReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Neither a workbook nor a text table: another kind of file, or one damaged on the way.
    case unreadable
    /// An Excel 97–2003 workbook (.xls), a WPS .et, a workbook saved with a password (all three are
    /// OLE compound files, not ZIP archives), or a web page saved under an .xls name.
    case legacyExcel
    /// The file itself is over `TableReader.maximumPartSize`.
    case fileTooLarge
    /// A part of the workbook unpacks to more than `TableReader.maximumPartSize`, or all of them
    /// to more than `TableReader.maximumTotalSize`: a ZIP bomb, or no spreadsheet a clerk keeps.
    case decompressedTooLarge
    /// Text below row `TableReader.maximumRows`.
    case tooManyRows
    /// Text right of column `TableReader.maximumColumns`.
    case tooManyColumns

    /// What went wrong, in Chinese, for the page that received the upload.
    public var message: String {
        switch self {
        case .unreadable: "文件不是有效的 Excel（.xlsx）或 CSV 文件"
        case .legacyExcel: "不支持旧版 Excel（.xls）、WPS 表格（.et）或加密的工作簿，请在 Excel 中另存为 .xlsx 后再上传"
        case .fileTooLarge: "文件超过\(TableReader.maximumPartSize / 1024 / 1024) MB，请确认是否选错了文件"
        case .decompressedTooLarge: "文件解压后过大，疑似压缩炸弹"
        case .tooManyRows: "表格超过\(TableReader.maximumRows)行"
        case .tooManyColumns: "表格超过\(TableReader.maximumColumns)列"
        }
    }

    public var description: String { message }
}
