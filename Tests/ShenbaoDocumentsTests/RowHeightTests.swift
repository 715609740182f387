import Testing

@testable import ShenbaoDocuments

@Suite("row heights")
struct RowHeightTests {
    @Test("a Chinese character takes two units, a Latin one one")
    func units() {
        // Width 24 leaves about 21 units once padding and a margin are taken off.
        #expect(RowHeight.lineCount(String(repeating: "字", count: 10), width: 24) == 1)
        #expect(RowHeight.lineCount(String(repeating: "字", count: 11), width: 24) == 2)
        #expect(RowHeight.lineCount(String(repeating: "a", count: 21), width: 24) == 1)
        #expect(RowHeight.lineCount(String(repeating: "a", count: 22), width: 24) == 2)
        #expect(RowHeight.lineCount("“引号”—…，。", width: 8) == 3)
    }

    @Test("each line break starts a line; CR LF is one break")
    func lineBreaks() {
        #expect(RowHeight.lineCount("一\n二\r\n三\r四", width: 30) == 4)
        #expect(RowHeight.lineCount("", width: 30) == 1)
    }

    @Test("a full 400-字 summary in its column is given room for every line")
    func fullSummary() throws {
        let lines = RowHeight.lineCount(String(repeating: "字", count: 400), width: 64)
        #expect(lines >= 400 / 31)
        let height = try #require(RowHeight.estimate([(.text(String(repeating: "字", count: 400), style: .body), 64)]))
        #expect(height >= Double(lines) * 11 * 1.3)
    }

    @Test("one-line rows keep the default height; the title's large font does not")
    func shortRows() {
        #expect(RowHeight.estimate([(.text("湖南大学", style: .body), 26), (.number(1, style: .bodyCenter), 6)]) == nil)
        #expect(RowHeight.estimate([(.text("汇总表", style: .title), 190)]) ?? 0 >= 16 * 1.3)
        // Text that doesn't wrap stays one line, however long.
        #expect(RowHeight.estimate([(.text(String(repeating: "字", count: 400)), 10)]) == nil)
    }

    @Test("the writer gives rows their height, a merged cell the width of its merge")
    func written() throws {
        let long = String(repeating: "合作", count: 40)
        let sheet = XlsxSheet(
            name: "表", rows: [[.text(long, style: .body)], [.text(long, style: .body)], [.text("短", style: .body)]],
            columnWidths: [10, 200], merges: ["A2:B2"])
        var workbook = XlsxWorkbook()
        workbook.addSheet(sheet)
        let rows = try XlsxPackage(workbook.data()).xml("xl/worksheets/sheet1.xml").descendants("row")
        let first = try #require(Double(rows[0].attributes["ht"] ?? ""))
        #expect(first > 100)
        #expect(rows[0].attributes["customHeight"] == "1")
        #expect(rows[1].attributes["ht"] == nil)
        #expect(rows[2].attributes["ht"] == nil)
    }
}
