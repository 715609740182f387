import Testing

@testable import ShenbaoDocuments

@Suite("sheet names and cell references")
struct XlsxSheetNameTests {
    @Test(
        "names are made ones Excel accepts",
        arguments: [
            ("汇总表", "汇总表"),
            ("长沙市科协[2025]:汇总*表?/\\", "长沙市科协2025汇总表"),
            ("'引号'", "引号"),
            ("", "Sheet1"),
            ("[]", "Sheet1"),
            ("History", "Sheet1"),
            ("a\u{0}b\u{9}c", "abc"),
            (String(repeating: "湘", count: 40), String(repeating: "湘", count: 31)),
            (String(repeating: "a", count: 30) + "𠀀", String(repeating: "a", count: 30)),
        ])
    func sanitized(name: String, expected: String) {
        #expect(XlsxSheetName.sanitized(name, position: 1) == expected)
    }

    @Test("duplicate names, ignoring case, are numbered within 31 characters")
    func unique() {
        let long = String(repeating: "湘", count: 31)
        #expect(
            XlsxSheetName.unique(["表", "表", "Sheet", "sheet", long, long]) == [
                "表", "表 (2)", "Sheet", "sheet (2)", long, String(repeating: "湘", count: 27) + " (2)",
            ])
    }

    @Test("a formula quotes the name and doubles its apostrophes")
    func quoted() {
        #expect(XlsxSheetName.quoted("O'Brien") == "'O''Brien'")
    }

    @Test(
        "column names run A…Z, AA…, XFD",
        arguments: [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16_384, "XFD")])
    func columnNames(column: Int, name: String) {
        #expect(CellReference.columnName(column) == name)
        #expect(CellReference.parse("\(name)7")?.column == column)
    }

    @Test("only real references parse", arguments: ["A0", "a1", "A", "1", "A01", "XFE1", "A1048577", "A1 ", "ＡＢ1"])
    func invalidReferences(reference: String) {
        #expect(CellReference.parse(reference) == nil)
    }
}
