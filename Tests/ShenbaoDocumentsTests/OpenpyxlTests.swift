import Foundation
import Testing

@testable import ShenbaoDocuments

/// What openpyxl reads back from a workbook: every sheet's cells and layout, as JSON.
private struct OpenpyxlBook: Decodable {
    struct Sheet: Decodable {
        var title: String
        var cells: [[Value]]
        var merged: [String]
        var orientation: String?
        var paperSize: Int?
        var fitToPage: Bool?
        var fitToWidth: Int?
        var printTitleRows: String?
        var widths: [String: Double]
    }

    /// A cell's value: openpyxl gives text, a number, or None.
    enum Value: Decodable, Equatable {
        case text(String)
        case number(Double)
        case none

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .none
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    var sheets: [Sheet]
    var warnings: [String]
}

/// Loads the workbook with openpyxl and prints what it read; any warning openpyxl gives about the
/// file (a style it could not read, a part it had to skip) is returned too, and must be none.
private let readerScript = #"""
    import json, sys, warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
    sheets = []
    for ws in book.worksheets:
        sheets.append({
            "title": ws.title,
            "cells": [list(row) for row in ws.iter_rows(values_only=True)],
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "orientation": ws.page_setup.orientation,
            "paperSize": int(ws.page_setup.paperSize) if ws.page_setup.paperSize is not None else None,
            "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
            "fitToWidth": int(ws.page_setup.fitToWidth) if ws.page_setup.fitToWidth is not None else None,
            "printTitleRows": ws.print_title_rows,
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth},
        })
    print(json.dumps({"sheets": sheets, "warnings": [str(w.message) for w in caught]}))
    """#

private func readWithOpenpyxl(_ data: Data) throws -> OpenpyxlBook {
    try #require(ExternalTools.openpyxlAvailable, "openpyxl is required on CI: pip install openpyxl")
    let directory = try ExternalTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("汇总表.xlsx")
    try data.write(to: file)
    let result = try ExternalTools.run(["python3", "-c", readerScript, file.path])
    try #require(result.status == 0, "openpyxl could not read the file: \(result.errors)")
    return try JSONDecoder().decode(OpenpyxlBook.self, from: Data(result.output.utf8))
}

@Suite(
    "openpyxl reads our files",
    .enabled(
        if: ExternalTools.openpyxlAvailable || ExternalTools.openpyxlRequired,
        "openpyxl is not installed (pip install openpyxl); it is required when CI is set"))
struct OpenpyxlTests {
    @Test("the summary table comes back cell for cell, with its merges and print setup")
    func summaryTable() throws {
        // setup
        let rows = SummaryTableFixtures.rows
        let data = try SummaryTable.xlsx(
            title: SummaryTableFixtures.title, fillingOrganization: SummaryTableFixtures.fillingOrganization,
            rows: rows)
        // MUT
        let book = try readWithOpenpyxl(data)
        // validate
        #expect(book.warnings == [])
        let sheet = try #require(book.sheets.first)
        #expect(book.sheets.count == 1)
        #expect(sheet.title == "汇总表")
        typealias Value = OpenpyxlBook.Value
        var expected: [[Value]] = [
            [.text(SummaryTableFixtures.title)] + Array(repeating: .none, count: 5),
            [.text("填报单位：长沙市科学技术协会（公章）")] + Array(repeating: .none, count: 5),
            SummaryTable.columnTitles.map(Value.text),
        ]
        for (index, row) in rows.enumerated() {
            expected.append(
                [.number(Double(index + 1))]
                    + [
                        row.organizationName, row.nature, SummaryTable.trimmed(row.summaryContent), row.summaryBasis,
                        row.partners,
                    ]
                    .map(Value.text))
        }
        #expect(sheet.cells == expected)
        #expect(sheet.merged == ["A1:F1", "A2:F2"])
        #expect(sheet.orientation == "landscape")
        #expect(sheet.paperSize == 9)
        #expect(sheet.fitToPage == true)
        #expect(sheet.fitToWidth == 1)
        #expect(sheet.printTitleRows == "$3:$3")
        #expect(sheet.widths == ["A": 6, "B": 26, "C": 10, "D": 56, "E": 64, "F": 28])
    }

    @Test("escaped, cleaned and Excel-escaped texts read back as the writer meant them")
    func awkwardTexts() throws {
        var workbook = XlsxWorkbook()
        workbook.addSheet(
            XlsxSheet(
                name: "a/b:c", rows: [[.text(#"<&>"'"#), .text("甲\u{1}乙\r\n丙"), .text("_x0041_"), .number(2.5)]]))
        workbook.addSheet(XlsxSheet(name: "a/b:c", rows: [[.text("第二页")]]))
        let book = try readWithOpenpyxl(try workbook.data())
        #expect(book.warnings == [])
        #expect(book.sheets.map(\.title) == ["abc", "abc (2)"])
        #expect(book.sheets[0].cells == [[.text(#"<&>"'"#), .text("甲乙\n丙"), .text("_x0041_"), .number(2.5)]])
        #expect(book.sheets[1].cells == [[.text("第二页")]])
    }
}
