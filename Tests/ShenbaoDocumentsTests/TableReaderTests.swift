import Foundation
import Testing
import ZIPFoundation

@testable import ShenbaoDocuments

/// The error `TableReader` gave for `data`, nil when it read the file.
private func readError(_ data: Data, fileName: String) -> TableReadError? {
    do {
        _ = try TableReader.rows(data: data, fileName: fileName)
        return nil
    } catch {
        return error
    }
}

/// A workbook of `sheets` written by our own writer.
private func workbookData(_ sheets: XlsxSheet...) throws -> Data {
    var workbook = XlsxWorkbook()
    for sheet in sheets { workbook.addSheet(sheet) }
    return try workbook.data()
}

/// A ZIP archive with one deflated entry of `count` zero bytes at `path`.
private func zeros(_ count: Int, at path: String) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(count), compressionMethod: .deflate) {
        _, size in Data(count: size)
    }
    return try #require(archive.data)
}

/// `archive` with every entry's uncompressed size, in its local header and in the central
/// directory, overwritten with `size`: an archive that lies about what it unpacks to.
private func declaringUncompressedSize(_ size: UInt32, in archive: Data) -> Data {
    var bytes = [UInt8](archive)
    let sizeBytes = withUnsafeBytes(of: size.littleEndian, Array.init)
    for index in 0..<(bytes.count - 4) where bytes[index] == 0x50 && bytes[index + 1] == 0x4B {
        let offset: Int
        switch (bytes[index + 2], bytes[index + 3]) {
        case (0x03, 0x04): offset = 22  // local file header
        case (0x01, 0x02): offset = 24  // central directory header
        default: continue
        }
        bytes.replaceSubrange((index + offset)..<(index + offset + 4), with: sizeBytes)
    }
    return Data(bytes)
}

/// Bytes that look random but are the same on every run (SplitMix64).
private func noise(count: Int, seed: UInt64) -> Data {
    var state = seed
    var bytes: [UInt8] = []
    while bytes.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        bytes += withUnsafeBytes(of: value, Array.init)
    }
    return Data(bytes.prefix(count))
}

@Suite("table reader")
struct TableReaderTests {
    @Test("a workbook from our own writer reads back as the clerk typed it, its second sheet ignored")
    func ownWorkbook() throws {
        // setup
        let data = try workbookData(
            XlsxSheet(
                name: "专家库",
                rows: [
                    [.text("姓名"), .text("手机"), .text("专业"), .text("备注")],
                    [.text("张三"), .number(13_812_345_678), .text("人工智能\n大数据"), .text("_x0041_")],
                    [.text(" 赵六　"), .empty, .number(-3.25)],
                    [],
                    [.text("钱七"), .number(1e20), .number(0.1 + 0.2)],
                    [.text("", style: .body), .text("   ", style: .body)],
                ]),
            XlsxSheet(name: "说明", rows: [[.text("此页不应读取")]]))
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "专家库.xlsx")
        // validate
        #expect(
            rows == [
                ["姓名", "手机", "专业", "备注"],
                ["张三", "13812345678", "人工智能\n大数据", "_x0041_"],
                ["赵六", "", "-3.25", ""],
                ["", "", "", ""],
                ["钱七", "1E+20", "0.3", ""],
            ])
    }

    @Test("numbers read as Excel's General format shows them: 15 digits, no “.0”, exponents past 10^18")
    func numbers() throws {
        // setup
        let numbers: [Double] = [13_812_345_678, 1_234_567_890_123_456, 0.1 + 0.2, 1.5e-7, -0.0, 100, 2.5e20]
        let data = try workbookData(XlsxSheet(name: "数", rows: [numbers.map { .number($0) }]))
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "数.xlsx")
        // validate
        #expect(rows == [["13812345678", "1234567890123460", "0.3", "1.5E-07", "0", "100", "2.5E+20"]])
    }

    @Test("parts found through the relationships: hidden sheet skipped, rich text, inline strings, all cell types")
    func handWrittenParts() throws {
        // setup: the first tab is hidden; the sheet uses a namespace prefix, leaves out some
        // references, and has a phonetic guide Excel does not show
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let workbook = """
            <workbook xmlns="\(main)" xmlns:r="\(relationships)"><sheets>\
            <sheet name="隐藏" sheetId="1" state="hidden" r:id="rId1"/>\
            <sheet name="专家库" sheetId="2" r:id="rId2"/></sheets></workbook>
            """
        let workbookRelationships = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/hidden.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/worksheet" Target="/xl/worksheets/experts.xml"/>\
            <Relationship Id="rId3" Type="\(relationships)/sharedStrings" Target="strings.xml"/>\
            </Relationships>
            """
        let strings = """
            <sst xmlns="\(main)"><si><t>姓名</t></si>\
            <si><r><t>中南</t></r><r><rPr><b/></rPr><t xml:space="preserve">大学 </t></r>\
            <rPh sb="0" eb="2"><t>ちゅうなん</t></rPh></si><si><t>第一行_x000D_</t></si></sst>
            """
        let sheet = """
            <x:worksheet xmlns:x="\(main)"><x:sheetData>\
            <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>单</x:t></x:r>\
            <x:r><x:t>位</x:t></x:r></x:is></x:c><x:c r="D1" t="str"><x:f>"合"&amp;"计"</x:f><x:v>合计</x:v></x:c>\
            </x:row><x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c>\
            <x:c t="e"><x:v>#N/A</x:v></x:c><x:c><x:f>A1</x:f></x:c><x:c r="F2" t="n"><x:v>1.3812345678E10</x:v>\
            </x:c></x:row></x:sheetData></x:worksheet>
            """
        let data = try ZipPackage.data([
            ("xl/workbook.xml", Data(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRelationships.utf8)),
            ("xl/strings.xml", Data(strings.utf8)),
            ("xl/worksheets/hidden.xml", Data("<worksheet xmlns=\"\(main)\"/>".utf8)),
            ("xl/worksheets/experts.xml", Data(sheet.utf8)),
        ])
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "专家库.xlsx")
        // validate
        #expect(
            rows == [
                ["姓名", "单位", "", "合计", "", ""],
                ["第一行", "中南大学", "TRUE", "#N/A", "", "13812345678"],
            ])
    }

    @Test("a CSV in UTF-8 with a byte order mark: quotes, doubled quotes, a line break and a comma in a cell")
    func utf8CSV() throws {
        // setup: as Excel's “CSV UTF-8” saves it
        let text =
            "姓名,简介,手机\r\n"
            + "\"王五\",\"擅长\"\"人工智能\"\"，\n兼顾数据安全, 隐私\",13812345678\r\n"
            + "\r\n"
            + " 孙八 ,,\"\"\r\n"
            + ",,\r\n"
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "专家库.csv")
        // validate
        #expect(
            rows == [
                ["姓名", "简介", "手机"],
                ["王五", "擅长\"人工智能\"，\n兼顾数据安全, 隐私", "13812345678"],
                ["", "", ""],
                ["孙八", "", ""],
            ])
    }

    @Test("a CSV saved by Excel on a Chinese Windows (GBK bytes) reads as Chinese")
    func gb18030CSV() throws {
        // setup: 姓名,单位 / 张三,科协 in GBK, which no UTF-8 decoder accepts
        let data = Data([
            0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB5, 0xA5, 0xCE, 0xBB, 0x0D, 0x0A,
            0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xBF, 0xC6, 0xD0, 0xAD, 0x0D, 0x0A,
        ])
        #expect(String(data: data, encoding: .utf8) == nil)
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "专家库.csv")
        // validate
        #expect(rows == [["姓名", "单位"], ["张三", "科协"]])
    }

    @Test("characters outside GBK survive GB 18030")
    func gb18030BeyondGBK() throws {
        let text = "姓名,备注\n李𠀀,€ 计价\n"
        let data = try #require(text.data(using: CSVText.gb18030))
        #expect(try TableReader.rows(data: data, fileName: "a.csv") == [["姓名", "备注"], ["李𠀀", "€ 计价"]])
    }

    @Test("tab-separated text, as Excel's “Unicode text” saves it in UTF-16")
    func tabSeparated() throws {
        let text = "姓名\t单位\n张三\t长沙市, 科协\n"
        let data = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
        #expect(try TableReader.rows(data: data, fileName: "专家库.txt") == [["姓名", "单位"], ["张三", "长沙市, 科协"]])
    }

    @Test("a ZIP bomb is refused: an entry unpacking to 60 MiB of zeros")
    func zipBomb() throws {
        // setup
        let data = try zeros(60 * 1024 * 1024, at: "xl/worksheets/sheet1.xml")
        #expect(data.count < 1024 * 1024)
        // MUT
        let error = readError(data, fileName: "专家库.xlsx")
        // validate
        #expect(error == .decompressedTooLarge)
        #expect(error?.message == "文件解压后过大，疑似压缩炸弹")
    }

    @Test("a ZIP bomb that declares a small size is stopped while unpacking")
    func lyingZipBomb() throws {
        // setup
        let data = declaringUncompressedSize(1000, in: try zeros(60 * 1024 * 1024, at: "xl/worksheets/sheet1.xml"))
        let archive = try Archive(data: data, accessMode: .read)
        #expect(archive.map(\.uncompressedSize) == [1000])
        // MUT
        let error = readError(data, fileName: "专家库.xlsx")
        // validate
        #expect(error?.message == "文件解压后过大，疑似压缩炸弹")
    }

    @Test("random bytes are refused as neither workbook nor CSV")
    func randomBytes() {
        let data = noise(count: 4096, seed: 20_240_601)
        #expect(readError(data, fileName: "专家库.csv")?.message == "文件不是有效的 Excel（.xlsx）或 CSV 文件")
        #expect(readError(data, fileName: "专家库.xlsx")?.message == "文件不是有效的 Excel（.xlsx）或 CSV 文件")
    }

    @Test("a ZIP that is no workbook, and a workbook with a broken part, are refused")
    func notAWorkbook() throws {
        let document = try ZipPackage.data([("word/document.xml", Data("<document/>".utf8))])
        #expect(readError(document, fileName: "专家库.xlsx")?.message == "文件不是有效的 Excel（.xlsx）或 CSV 文件")
        let broken = try ZipPackage.data([("xl/worksheets/sheet1.xml", Data("<worksheet><sheetData><row>".utf8))])
        #expect(readError(broken, fileName: "专家库.xlsx")?.message == "文件不是有效的 Excel（.xlsx）或 CSV 文件")
    }

    @Test("a part declaring entities is refused before parsing")
    func entityDeclarations() throws {
        let sheet = """
            <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;">]>\
            <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData>\
            </worksheet>
            """
        let data = try ZipPackage.data([("xl/worksheets/sheet1.xml", Data(sheet.utf8))])
        #expect(readError(data, fileName: "专家库.xlsx") == .unreadable)
    }

    @Test("an old .xls (an OLE compound file) asks for .xlsx")
    func legacyExcel() {
        let data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
        #expect(
            readError(data, fileName: "专家库.xls")?.message
                == "不支持旧版 Excel（.xls）、WPS 表格（.et）或加密的工作簿，请在 Excel 中另存为 .xlsx 后再上传")
        let webPage = Data("<html><body><table><tr><td>姓名</td></tr></table></body></html>".utf8)
        #expect(readError(webPage, fileName: "专家库.xls") == .legacyExcel)
    }

    @Test("text past row 20,000 is refused; empty lines after the last text are not counted")
    func tooManyRows() throws {
        let full = String(repeating: "张三,科协\n", count: 20_000)
        let emptyLinesAfter = full + String(repeating: ",\n", count: 5)
        #expect(try TableReader.rows(data: Data(emptyLinesAfter.utf8), fileName: "a.csv").count == 20_000)
        let error = readError(Data((full + "李四,科协\n").utf8), fileName: "a.csv")
        #expect(error?.message == "表格超过20000行")
    }

    @Test("text past column 100 is refused, in a workbook as in a CSV; trailing empty columns are not")
    func tooManyColumns() throws {
        let wide = try workbookData(XlsxSheet(name: "宽", rows: [(1...101).map { .text("列\($0)") }]))
        #expect(readError(wide, fileName: "a.xlsx")?.message == "表格超过100列")
        let trailingCommas = "姓名" + String(repeating: ",", count: 300) + "\n"
        #expect(try TableReader.rows(data: Data(trailingCommas.utf8), fileName: "a.csv") == [["姓名"]])
    }

    @Test("an empty file has no rows")
    func emptyFile() throws {
        #expect(try TableReader.rows(data: Data(), fileName: "专家库.csv") == [])
    }
}

/// Writes the expert pool with openpyxl: numbers, a gap, rich text, a formatted empty row far
/// below, and a second sheet.
private let openpyxlWriterScript = #"""
    import sys, openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "专家库"
    sheet.append(["姓名", "手机", "职称", "单位", "年龄"])
    sheet.append(["  李四 ", 13812345678, None, "湖南大学", 52])
    sheet["A3"] = "王五"
    sheet["D3"] = CellRichText(["中南", TextBlock(InlineFont(b=True), "大学")])
    sheet["E3"] = 47.5
    sheet["B4"] = 0.1 + 0.2
    sheet["A12"].font = Font(bold=True)
    other = book.create_sheet("说明")
    other["A1"] = "此页不应读取"
    book.save(sys.argv[1])
    """#

/// What a clerk sees on the expert pool sheet openpyxl writes.
private let openpyxlRows = [
    ["姓名", "手机", "职称", "单位", "年龄"],
    ["李四", "13812345678", "", "湖南大学", "52"],
    ["王五", "", "", "中南大学", "47.5"],
    ["", "0.3", "", "", ""],
]

/// The expert pool written by openpyxl into `directory`.
private func writeOpenpyxlWorkbook(in directory: URL) throws -> URL {
    try #require(ExternalTools.openpyxlAvailable, "openpyxl is required on CI: pip install openpyxl")
    let file = directory.appendingPathComponent("专家库.xlsx")
    let result = try ExternalTools.run(["python3", "-c", openpyxlWriterScript, file.path])
    try #require(result.status == 0, "openpyxl could not write the file: \(result.errors)")
    return file
}

@Suite(
    "table reader reads openpyxl's files",
    .enabled(
        if: ExternalTools.openpyxlAvailable || ExternalTools.openpyxlRequired,
        "openpyxl is not installed (pip install openpyxl); it is required when CI is set"))
struct TableReaderOpenpyxlTests {
    @Test("numbers, inline and rich texts, a gap; the second sheet and a formatted empty row ignored")
    func openpyxlWorkbook() throws {
        // setup
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Data(contentsOf: try writeOpenpyxlWorkbook(in: directory))
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "专家库.xlsx")
        // validate
        #expect(rows == openpyxlRows)
    }
}

@Suite(
    "table reader reads LibreOffice's files",
    .enabled(
        if: (ExternalTools.libreOffice != nil && ExternalTools.openpyxlAvailable)
            || ExternalTools.libreOfficeRequired,
        "LibreOffice or openpyxl is not installed; both are required when SHENBAO_TEST_LIBREOFFICE=1"))
struct TableReaderLibreOfficeTests {
    /// openpyxl writes every text inline; LibreOffice, like Excel, puts them in the shared string
    /// table, rich text as runs.
    @Test("openpyxl's workbook saved again by LibreOffice, its texts now shared strings", .timeLimit(.minutes(5)))
    func libreOfficeWorkbook() throws {
        // setup
        let soffice = try #require(ExternalTools.libreOffice, "LibreOffice (soffice) is not on PATH")
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try writeOpenpyxlWorkbook(in: directory)
        let output = directory.appendingPathComponent("out")
        let profile = directory.appendingPathComponent("profile").absoluteString
        let result = try ExternalTools.run(
            [
                soffice, "-env:UserInstallation=\(profile)", "--headless", "--norestore", "--convert-to",
                "xlsx:Calc MS Excel 2007 XML", "--outdir", output.path, input.path,
            ], timeout: 240)
        try #require(result.status == 0, "soffice failed: \(result.errors)")
        let data = try Data(contentsOf: output.appendingPathComponent("专家库.xlsx"))
        let package = try XlsxPackage(data)
        #expect(try package.sharedStrings().contains("  李四 "))
        #expect(package.text("xl/worksheets/sheet1.xml").contains(#"t="s""#))
        // MUT
        let rows = try TableReader.rows(data: data, fileName: "专家库.xlsx")
        // validate
        #expect(rows == openpyxlRows)
    }
}
