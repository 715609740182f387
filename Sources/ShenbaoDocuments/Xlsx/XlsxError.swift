/// Why a workbook could not be written: each case is a file Excel would refuse or "repair".
public enum XlsxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A workbook needs at least one sheet.
    case noSheets
    /// More rows or columns than a sheet holds (1,048,576 × 16,384).
    case tooLarge(sheet: String)
    /// A merged range that is not of the form `A1:F1`.
    case invalidMerge(sheet: String, range: String)
    /// Two merged ranges sharing a cell.
    case overlappingMerges(sheet: String, first: String, second: String)
    /// Repeated print rows outside 1…1,048,576.
    case invalidRepeatedRows(sheet: String)
    /// NaN or an infinity, which a cell cannot hold.
    case invalidNumber(sheet: String, cell: String)
    /// A text longer than a cell holds (32,767 UTF-16 code units).
    case textTooLong(sheet: String, cell: String, length: Int)

    public var description: String {
        switch self {
        case .noSheets: "工作簿至少需要一个工作表"
        case .tooLarge(let sheet): "工作表“\(sheet)”超出 Excel 的行数或列数上限"
        case .invalidMerge(let sheet, let range): "工作表“\(sheet)”的合并区域“\(range)”格式不正确"
        case .overlappingMerges(let sheet, let first, let second):
            "工作表“\(sheet)”的合并区域“\(first)”与“\(second)”重叠"
        case .invalidRepeatedRows(let sheet): "工作表“\(sheet)”的打印标题行超出范围"
        case .invalidNumber(let sheet, let cell): "工作表“\(sheet)”的单元格 \(cell) 不是有效数字"
        case .textTooLong(let sheet, let cell, let length):
            "工作表“\(sheet)”的单元格 \(cell) 有 \(length) 个字符，超过单元格上限 32767"
        }
    }
}
