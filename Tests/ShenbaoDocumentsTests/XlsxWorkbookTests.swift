import Foundation
import Testing
import ZIPFoundation

@testable import ShenbaoDocuments

/// Every part a SpreadsheetML package needs, with the paths the relationships point to.
private let requiredParts = [
    "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
]

private func workbook(_ sheets: XlsxSheet...) -> XlsxWorkbook {
    var workbook = XlsxWorkbook()
    for sheet in sheets { workbook.addSheet(sheet) }
    return workbook
}

private func package(_ rows: [[XlsxCell]], name: String = "表") throws -> XlsxPackage {
    try XlsxPackage(workbook(XlsxSheet(name: name, rows: rows)).data())
}

@Suite("xlsx workbook")
struct XlsxWorkbookTests {
    @Test("every required part is there and is well-formed XML")
    func requiredPartsParse() throws {
        // setup
        let sheets = [XlsxSheet(name: "一", rows: [[.text("甲")]]), XlsxSheet(name: "二", rows: [[.number(2)]])]
        // MUT
        let file = try XlsxPackage(workbook(sheets[0], sheets[1]).data())
        // validate
        for path in requiredParts + ["xl/worksheets/sheet2.xml"] {
            #expect(file.parts[path] != nil, "missing \(path)")
            #expect(throws: Never.self, "\(path) is not well-formed") { try file.xml(path) }
        }
        #expect(Set(file.parts.keys) == Set(requiredParts + ["xl/worksheets/sheet2.xml"]))
    }

    @Test("the relationships and content types name every part that exists")
    func relationshipsPointToParts() throws {
        let file = try package([[.text("甲")]])
        let overrides = try file.xml("[Content_Types].xml").descendants("Override").compactMap {
            $0.attributes["PartName"]
        }
        #expect(
            Set(overrides.map { String($0.dropFirst()) })
                == Set(requiredParts.filter { !$0.hasSuffix(".rels") && $0 != "[Content_Types].xml" }))
        let targets = try file.xml("xl/_rels/workbook.xml.rels").descendants("Relationship").compactMap {
            $0.attributes["Target"]
        }
        for target in targets {
            #expect(file.parts["xl/\(target)"] != nil, "xl/\(target)")
        }
        let packageTargets = try file.xml("_rels/.rels").descendants("Relationship").compactMap {
            $0.attributes["Target"]
        }
        #expect(Set(packageTargets) == ["xl/workbook.xml", "docProps/core.xml", "docProps/app.xml"])
    }

    @Test("Chinese text comes back exactly, once in the shared strings however often it is used")
    func chineseTextRoundTrips() throws {
        let texts = ["湖南省科协国际与区域科技合作交流项目申报信息汇总表", "填报单位：湖南大学（公章）", "事业单位", "𠀀𪚥（扩展区汉字）、全角标点：；“”"]
        let file = try package([texts.map { .text($0) }, [.text("事业单位"), .text("事业单位")]])
        #expect(try file.sharedStrings() == texts)
        let cells = try file.cells(sheet: 1)
        #expect(cells["A1"] == texts[0])
        #expect(cells["D1"] == texts[3])
        #expect(cells["B2"] == "事业单位")
        let table = try file.xml("xl/sharedStrings.xml")
        #expect(table.attributes["count"] == "6")
        #expect(table.attributes["uniqueCount"] == "4")
    }

    @Test("markup characters are escaped and come back as typed")
    func markupIsEscaped() throws {
        let text = #"<b>A & B</b> "quoted" 'single' 5 > 3"#
        let file = try package([[.text(text)]], name: "A&B")
        #expect(try file.sharedStrings() == [text])
        #expect(
            file.text("xl/sharedStrings.xml").contains(
                "&lt;b&gt;A &amp; B&lt;/b&gt; &quot;quoted&quot; &apos;single&apos;"))
        #expect(try file.xml("xl/workbook.xml").first("sheet")?.attributes["name"] == "A&B")
    }

    @Test("characters XML 1.0 forbids are dropped; tabs and line breaks stay, as \\n")
    func controlCharactersAreDropped() throws {
        let file = try package([[.text("甲\u{0}乙\u{7}丙\u{B}丁\u{C}\u{1F}戊\u{FFFE}\u{FFFF}\t己\r\n庚\r辛\n壬")]])
        #expect(try file.sharedStrings() == ["甲乙丙丁戊\t己\n庚\n辛\n壬"])
        let raw = try #require(file.parts["xl/sharedStrings.xml"])
        #expect(!raw.contains(0x00) && !raw.contains(0x07) && !raw.contains(0x0B) && !raw.contains(0x0D))
    }

    @Test("a literal _xHHHH_ is protected so Excel does not read it as a character")
    func excelEscapesAreProtected() throws {
        let file = try package([[.text("代码_x0041_与_x12_和_x00zz_")]])
        #expect(file.text("xl/sharedStrings.xml").contains("代码_x005F_x0041_与_x12_和_x00zz_"))
        #expect(try file.sharedStrings() == ["代码_x0041_与_x12_和_x00zz_"])
    }

    @Test("numbers are written plainly, whole numbers without a decimal point")
    func numbers() throws {
        let file = try package([
            [.number(1), .number(-20), .number(2.5), .number(0.1), .text("x"), .empty, .number(5e20)]
        ])
        let cells = try file.cells(sheet: 1)
        #expect(cells["A1"] == "1")
        #expect(cells["B1"] == "-20")
        #expect(cells["C1"] == "2.5")
        #expect(cells["D1"] == "0.1")
        #expect(cells["F1"] == nil)
        #expect(Double(cells["G1"] ?? "") == 5e20)
    }

    @Test("columns past Z are named AA, AB, …")
    func wideRows() throws {
        let file = try package([(1...30).map { .number(Double($0)) }])
        let cells = try file.cells(sheet: 1)
        #expect(cells["Z1"] == "26")
        #expect(cells["AD1"] == "30")
        #expect(try file.xml("xl/worksheets/sheet1.xml").first("dimension")?.attributes["ref"] == "A1:AD1")
    }

    @Test("styles map to their cell formats, and every format exists")
    func styles() throws {
        let file = try package([
            [.text("t", style: .title), .text("h", style: .header), .text("b", style: .body)],
            [.number(1, style: .bodyCenter), .text("n")],
        ])
        let cells = try file.xml("xl/worksheets/sheet1.xml").descendants("c")
        #expect(cells.map { $0.attributes["s"] } == ["1", "2", "3", "4", nil])
        let styles = try file.xml("xl/styles.xml")
        let formats = try #require(styles.first("cellXfs")).children
        #expect(formats.count == XlsxStyle.allCases.count)
        #expect(formats[XlsxStyle.header.formatIndex].attributes["fillId"] == "2")
        #expect(formats[XlsxStyle.body.formatIndex].first("alignment")?.attributes["wrapText"] == "1")
        #expect(formats[XlsxStyle.body.formatIndex].first("alignment")?.attributes["vertical"] == "top")
        let fonts = try #require(styles.first("fonts")).children
        #expect(fonts[1].first("sz")?.attributes["val"] == "16")
        #expect(fonts[1].first("b") != nil)
    }

    @Test("widths, merges, frozen rows and A4 landscape print setup are written")
    func layout() throws {
        let sheet = XlsxSheet(
            name: "汇总表", rows: [[.text("标题")], [.text("行")]], columnWidths: [6, 40.5], merges: ["A1:F1"],
            frozenRows: 1,
            printSetup: XlsxPrintSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 2...2, footer: "第 &P 页")
        )
        let file = try XlsxPackage(workbook(sheet).data())
        let xml = try file.xml("xl/worksheets/sheet1.xml")
        #expect(xml.descendants("col").map { $0.attributes["width"] } == ["6", "40.5"])
        #expect(xml.descendants("mergeCell").map { $0.attributes["ref"] } == ["A1:F1"])
        #expect(xml.first("pane")?.attributes["ySplit"] == "1")
        let setup = try #require(xml.first("pageSetup"))
        #expect(setup.attributes["paperSize"] == "9")
        #expect(setup.attributes["orientation"] == "landscape")
        #expect(setup.attributes["fitToWidth"] == "1")
        #expect(setup.attributes["fitToHeight"] == "0")
        #expect(xml.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
        #expect(xml.first("oddFooter")?.text == "&C第 &P 页")
        // The schema's order, which Excel insists on.
        #expect(
            xml.children.map(\.name) == [
                "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "mergeCells",
                "printOptions",
                "pageMargins", "pageSetup", "headerFooter",
            ])
        let titles = try #require(try file.xml("xl/workbook.xml").first("definedName"))
        #expect(titles.attributes["name"] == "_xlnm.Print_Titles")
        #expect(titles.attributes["localSheetId"] == "0")
        #expect(titles.text == "'汇总表'!$2:$2")
    }

    @Test("the same workbook gives the same bytes")
    func deterministic() throws {
        let book = workbook(XlsxSheet(name: "表", rows: [[.text("甲"), .number(1)]]))
        #expect(try book.data() == book.data())
    }

    @Test("every entry is deflated")
    func deflated() throws {
        let text = String(repeating: "国际与区域科技合作交流", count: 200)
        let data = try workbook(XlsxSheet(name: "表", rows: [[.text(text)]])).data()
        let archive = try Archive(data: data, accessMode: .read)
        let entries = Array(archive)
        #expect(entries.count == requiredParts.count)
        for entry in entries {
            #expect(entry.isCompressed, "\(entry.path)")
        }
        let strings = try #require(archive["xl/sharedStrings.xml"])
        #expect(strings.compressedSize * 10 < strings.uncompressedSize)
    }

    @Test("what Excel would refuse is refused here, not written")
    func refusals() {
        #expect(throws: XlsxError.noSheets) { try XlsxWorkbook().data() }
        #expect(throws: XlsxError.invalidMerge(sheet: "表", range: "A1-F1")) {
            try workbook(XlsxSheet(name: "表", merges: ["A1-F1"])).data()
        }
        #expect(throws: XlsxError.invalidMerge(sheet: "表", range: "F1:A1")) {
            try workbook(XlsxSheet(name: "表", merges: ["F1:A1"])).data()
        }
        #expect(throws: XlsxError.overlappingMerges(sheet: "表", first: "A1:C2", second: "C2:D3")) {
            try workbook(XlsxSheet(name: "表", merges: ["A1:C2", "C2:D3"])).data()
        }
        #expect(throws: XlsxError.invalidNumber(sheet: "表", cell: "B1")) {
            try workbook(XlsxSheet(name: "表", rows: [[.empty, .number(.nan)]])).data()
        }
        #expect(throws: XlsxError.textTooLong(sheet: "表", cell: "A1", length: 32_768)) {
            try workbook(XlsxSheet(name: "表", rows: [[.text(String(repeating: "字", count: 32_768))]])).data()
        }
        #expect(throws: XlsxError.invalidRepeatedRows(sheet: "表")) {
            try workbook(XlsxSheet(name: "表", printSetup: XlsxPrintSetup(repeatedRows: 0...1))).data()
        }
    }
}
