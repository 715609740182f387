import Foundation

/// `xl/worksheets/sheetN.xml` of one sheet, its texts entered in the shared string table.
///
/// Elements come in the order the schema fixes (sheetPr, dimension, sheetViews, sheetFormatPr,
/// cols, sheetData, mergeCells, printOptions, pageMargins, pageSetup, headerFooter): Excel reports
/// a file with them out of order as corrupt even where other readers don't mind.
struct WorksheetPart {
    /// Excel's cap on one cell's text.
    static let maximumTextLength = 32_767

    let sheet: XlsxSheet
    /// The sanitised name, for error messages.
    let name: String

    /// Throws `XlsxError` for anything Excel would refuse, before a byte is written.
    func xml(strings: inout SharedStrings) throws -> String {
        let merges = try validatedMerges()
        let columnCount = sheet.rows.map(\.count).max() ?? 0
        guard sheet.rows.count <= CellReference.maximumRow, columnCount <= CellReference.maximumColumn,
            sheet.columnWidths.count <= CellReference.maximumColumn,
            sheet.frozenRows >= 0, sheet.frozenRows < CellReference.maximumRow
        else { throw XlsxError.tooLarge(sheet: name) }
        if let rows = sheet.printSetup?.repeatedRows,
            rows.lowerBound < 1 || rows.upperBound > CellReference.maximumRow
        {
            throw XlsxError.invalidRepeatedRows(sheet: name)
        }

        var xml = XlsxPart.declaration
        xml += "<worksheet xmlns=\"\(XlsxPart.mainNamespace)\" xmlns:r=\"\(XlsxPart.relationshipNamespace)\">"
        if sheet.printSetup?.fitToWidth == true {
            xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        }
        let lastCell = CellReference.name(row: max(sheet.rows.count, 1), column: max(columnCount, 1))
        xml += "<dimension ref=\"A1:\(lastCell)\"/>"
        xml += sheetViews
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        xml += columns
        xml += try sheetData(merges: merges, strings: &strings)
        if !merges.isEmpty {
            xml += "<mergeCells count=\"\(merges.count)\">"
            xml += merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined()
            xml += "</mergeCells>"
        }
        xml += printParts
        xml += "</worksheet>"
        return xml
    }

    /// The sheet's one window; frozen rows stay on screen while the rest scrolls.
    private var sheetViews: String {
        guard sheet.frozenRows > 0 else {
            return "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
        }
        let topLeft = CellReference.name(row: sheet.frozenRows + 1, column: 1)
        return "<sheetViews><sheetView workbookViewId=\"0\">"
            + "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
            + "</sheetView></sheetViews>"
    }

    private var columns: String {
        guard !sheet.columnWidths.isEmpty else { return "" }
        var xml = "<cols>"
        for column in 1...sheet.columnWidths.count {
            let width = Self.number(columnWidth(column))
            xml += "<col min=\"\(column)\" max=\"\(column)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        xml += "</cols>"
        return xml
    }

    private func sheetData(merges: [String], strings: inout SharedStrings) throws -> String {
        let ranges = merges.compactMap(CellReference.parseRange)
        var xml = "<sheetData>"
        // About 60 bytes a cell: one allocation for the whole part instead of one per cell.
        xml.reserveCapacity(sheet.rows.reduce(64) { $0 + 40 + 60 * $1.count })
        // Column letters and style attributes, made once rather than for every cell.
        let widest = sheet.rows.map(\.count).max() ?? 0
        let columns = (0..<widest).map { CellReference.columnName($0 + 1) }
        let styles = XlsxStyle.allCases.map(Self.styleAttribute)
        for (rowIndex, row) in sheet.rows.enumerated() where row.contains(where: { $0 != .empty }) {
            xml += "<row r=\"\(rowIndex + 1)\""
            if let height = RowHeight.estimate(cellWidths(row, row: rowIndex + 1, merges: ranges)) {
                xml += " ht=\"\(Self.number(height))\" customHeight=\"1\""
            }
            xml += ">"
            let rowNumber = String(rowIndex + 1)
            for (columnIndex, cell) in row.enumerated() {
                try appendCell(
                    cell, reference: columns[columnIndex] + rowNumber, styles: styles, strings: &strings, to: &xml)
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        return xml
    }

    /// Each cell of a row with the width its text has: its column's, a merge's across its
    /// columns. Cells hidden under a merge, and merges over several rows, don't size the row.
    private func cellWidths(
        _ row: [XlsxCell], row number: Int, merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)]
    ) -> [(cell: XlsxCell, width: Double)] {
        row.enumerated().compactMap { index, cell in
            let column = index + 1
            guard let merge = merges.first(where: { $0.rows.contains(number) && $0.columns.contains(column) }) else {
                return (cell, columnWidth(column))
            }
            guard merge.rows.count == 1, merge.columns.lowerBound == column else { return nil }
            return (cell, merge.columns.map(columnWidth).reduce(0, +))
        }
    }

    /// The width of a column (1-based) as written: Excel caps a column at 255, and a width that
    /// is not a number would not parse at all.
    private func columnWidth(_ column: Int) -> Double {
        guard sheet.columnWidths.indices.contains(column - 1), sheet.columnWidths[column - 1].isFinite else {
            return RowHeight.defaultColumnWidth
        }
        return min(max(sheet.columnWidths[column - 1], 0), 255)
    }

    private func appendCell(
        _ cell: XlsxCell, reference: String, styles: [String], strings: inout SharedStrings, to xml: inout String
    ) throws {
        switch cell {
        case .empty:
            return
        case .text(let text, let style):
            // UTF-16 never needs more units than UTF-8 has bytes: the exact count only for long texts.
            let length = text.utf8.count <= Self.maximumTextLength ? 0 : XMLText.cleaned(text).utf16.count
            guard length <= Self.maximumTextLength else {
                throw XlsxError.textTooLong(sheet: name, cell: reference, length: length)
            }
            let index = strings.index(of: text)
            xml += "<c r=\"\(reference)\"\(styles[style.rawValue]) t=\"s\"><v>\(index)</v></c>"
        case .number(let value, let style):
            guard value.isFinite else { throw XlsxError.invalidNumber(sheet: name, cell: reference) }
            xml += "<c r=\"\(reference)\"\(styles[style.rawValue])><v>\(Self.number(value))</v></c>"
        }
    }

    private static func styleAttribute(_ style: XlsxStyle) -> String {
        style == .normal ? "" : " s=\"\(style.formatIndex)\""
    }

    /// A number as the file stores it: `1`, not `1.0`, for whole numbers (序号), else Swift's
    /// shortest round-tripping form, which is valid `xsd:double`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Merges checked for form and overlap, since Excel refuses either.
    private func validatedMerges() throws -> [String] {
        var ranges: [(text: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = []
        for text in sheet.merges {
            guard let range = CellReference.parseRange(text) else {
                throw XlsxError.invalidMerge(sheet: name, range: text)
            }
            if let other = ranges.first(where: { $0.rows.overlaps(range.rows) && $0.columns.overlaps(range.columns) }) {
                throw XlsxError.overlappingMerges(sheet: name, first: other.text, second: text)
            }
            ranges.append((text, range.rows, range.columns))
        }
        return ranges.map(\.text)
    }

    /// Print options, margins (Excel's "normal"), A4 paper, orientation, fit-to-width, footer.
    private var printParts: String {
        guard let setup = sheet.printSetup else {
            return
                "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        }
        var xml = "<printOptions horizontalCentered=\"1\"/>"
        xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
        // paperSize 9 is A4; fitToHeight 0 lets the rows run onto as many pages as they need.
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(setup.orientation.rawValue)\""
        if setup.fitToWidth {
            xml += " fitToWidth=\"1\" fitToHeight=\"0\""
        }
        xml += "/>"
        if let footer = setup.footer {
            xml += "<headerFooter><oddFooter>&amp;C\(XMLText.escaped(footer))</oddFooter></headerFooter>"
        }
        return xml
    }
}
