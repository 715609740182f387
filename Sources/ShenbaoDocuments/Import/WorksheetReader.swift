import Foundation

/// The cells of a worksheet part (`xl/worksheets/sheet1.xml`) as the texts Excel shows.
///
/// A cell's place comes from its reference (`r="C5"`); a row or cell without one follows the one
/// before it, as Excel reads it. By type (`t`): shared strings (`s`) are looked up, inline strings
/// (`inlineStr`) joined from their runs, formula texts (`str`), errors (`e`) and ISO dates (`d`)
/// read as written, booleans (`b`) as `TRUE`/`FALSE`, and numbers (no type, or `n`) as
/// `ExcelNumberText` shows them. A formula without a cached value reads empty.
final class WorksheetReader: XMLPartHandler {
    private let sharedStrings: [String]
    private(set) var grid = TableGrid()

    /// The current row and the last cell's column, both 1-based; 0 before the first.
    private var row = 0
    private var column = 0
    private var inCell = false
    private var cellRow = 0
    private var cellType: String?
    /// The cell's `<v>`.
    private var value = ""
    private var inValue = false
    /// The cell's `<is>`: the text of its `<t>` elements, phonetic runs left out.
    private var inlineText = ""
    private var inInlineString = false
    private var inInlineText = false
    private var phoneticDepth = 0

    private init(sharedStrings: [String]) {
        self.sharedStrings = sharedStrings
    }

    static func rows(_ data: Data, sharedStrings: [String]) throws(TableReadError) -> [[String]] {
        let reader = WorksheetReader(sharedStrings: sharedStrings)
        try XMLPart.parse(data, with: reader)
        return reader.grid.rows
    }

    func start(_ name: Substring, attributes: [Substring: String]) throws(TableReadError) {
        switch name {
        case "row":
            row = attributes["r"].flatMap { Int($0) } ?? row + 1
            column = 0
        case "c":
            startCell(reference: attributes["r"], type: attributes["t"])
        case "v" where inCell:
            inValue = true
        case "is" where inCell:
            inInlineString = true
        case "rPh":
            phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0:
            inInlineText = true
        default:
            break
        }
    }

    func end(_ name: Substring) throws(TableReadError) {
        switch name {
        case "c" where inCell:
            inCell = false
            try grid.set(cellText(), row: cellRow - 1, column: column - 1)
        case "v":
            inValue = false
        case "is":
            inInlineString = false
        case "rPh":
            phoneticDepth -= 1
        case "t":
            inInlineText = false
        default:
            break
        }
    }

    func text(_ text: String) {
        if inValue {
            value += text
        } else if inInlineText {
            inlineText += text
        }
    }

    private func startCell(reference: String?, type: String?) {
        if row == 0 { row = 1 }
        if let reference, let place = CellReference.parse(reference.uppercased()) {
            cellRow = place.row
            column = place.column
        } else {
            cellRow = row
            column += 1
        }
        inCell = true
        cellType = type
        value = ""
        inlineText = ""
    }

    /// The text the finished cell shows; a shared string index that does not exist stops the parser.
    private func cellText() throws(TableReadError) -> String {
        switch cellType {
        case "s":
            let value = TableText.trimmed(value)
            if value.isEmpty { return "" }
            guard let index = Int(value), sharedStrings.indices.contains(index) else { throw .unreadable }
            return sharedStrings[index]
        case "inlineStr":
            return ExcelEscapes.decoded(inlineText)
        case "str", "e", "d":
            return ExcelEscapes.decoded(value)
        case "b":
            switch TableText.trimmed(value) {
            case "1": return "TRUE"
            case "0": return "FALSE"
            default: return value
            }
        default:
            return ExcelNumberText.text(value)
        }
    }
}
