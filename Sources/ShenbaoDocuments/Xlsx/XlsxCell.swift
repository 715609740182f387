/// One cell of a sheet: what it shows and how it looks.
///
/// Only what the official forms need: text, numbers (序号, amounts) and nothing. An empty cell has
/// no style, so a bordered table writes its blank cells as `.text("", style: .body)`.
public enum XlsxCell: Hashable, Sendable {
    case text(String, style: XlsxStyle = .normal)
    case number(Double, style: XlsxStyle = .normal)
    case empty
}
