import Testing

@testable import ShenbaoCore

@Suite("湖南行政区划")
struct DivisionTests {
    let catalog = DivisionCatalog.hunan

    @Test func bundledCatalogHasTheProvinceFourteenPrefecturesAnd122Counties() {
        #expect(catalog.province?.code == "430000")
        #expect(catalog.province?.name == "湖南省")
        #expect(catalog.prefectures.count == 14)
        #expect(catalog.counties.count == 122)
        #expect(catalog.all.count == 1 + 14 + 122)
    }

    @Test func prefecturesAreTheFourteenInFileOrder() {
        #expect(
            catalog.prefectures.map(\.name) == [
                "长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市",
                "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州",
            ])
        #expect(catalog.division(code: "433100")?.name == "湘西土家族苗族自治州")
        #expect(catalog.division(code: "430800")?.name == "张家界市")
        #expect(catalog.prefectures.allSatisfy { $0.parentCode == "430000" })
    }

    @Test(
        "a prefecture's counties are exactly those of the 2024 list",
        arguments: [
            (
                "430100",
                [
                    ("430102", "芙蓉区"), ("430103", "天心区"), ("430104", "岳麓区"), ("430105", "开福区"),
                    ("430111", "雨花区"), ("430112", "望城区"), ("430121", "长沙县"), ("430181", "浏阳市"),
                    ("430182", "宁乡市"),
                ]
            ),
            (
                "433100",
                [
                    ("433101", "吉首市"), ("433122", "泸溪县"), ("433123", "凤凰县"), ("433124", "花垣县"),
                    ("433125", "保靖县"), ("433126", "古丈县"), ("433127", "永顺县"), ("433130", "龙山县"),
                ]
            ),
        ])
    func countiesOfPrefecture(prefecture: String, expected: [(String, String)]) {
        let children = catalog.children(of: prefecture)
        #expect(children.map(\.code) == expected.map(\.0))
        #expect(children.map(\.name) == expected.map(\.1))
        #expect(children.allSatisfy { $0.level == .county && $0.parentCode == prefecture })
    }

    @Test func everyCountyHasAPrefectureOfTheCatalogAndEveryCodeIsUnique() {
        let prefectureCodes = Set(catalog.prefectures.map(\.code))
        let orphans = catalog.counties.filter { !prefectureCodes.contains($0.parentCode ?? "") }
        #expect(orphans.isEmpty)
        #expect(Set(catalog.all.map(\.code)).count == catalog.all.count)
        #expect(catalog.all.allSatisfy { $0.code.count == 6 && $0.code.hasPrefix("43") })
        #expect(catalog.prefectures.reduce(0) { $0 + catalog.children(of: $1.code).count } == 122)
    }

    @Test(
        "display names read city then county",
        arguments: [
            ("430104", "长沙市 岳麓区"),
            ("433101", "湘西土家族苗族自治州 吉首市"),
            ("431381", "娄底市 冷水江市"),
            ("430100", "长沙市"),
            ("430800", "张家界市"),
            ("430000", "湖南省"),
        ])
    func displayName(code: String, name: String) {
        #expect(catalog.displayName(code: code) == name)
    }

    @Test(
        "prefecture of a county is its parent, of a prefecture itself, else nil",
        arguments: [
            ("430104", "430100"), ("433130", "433100"), ("430822", "430800"), ("430100", "430100"),
            ("430000", nil), ("439999", nil), ("110108", nil), ("", nil),
        ] as [(String, String?)])
    func prefectureOf(code: String, prefecture: String?) {
        #expect(catalog.prefecture(of: code)?.code == prefecture)
    }

    @Test func unknownCodesHaveNoDivisionNameOrChildren() {
        #expect(catalog.division(code: "430122") == nil)  // 望城县, abolished in 2011
        #expect(catalog.displayName(code: "110108") == nil)
        #expect(catalog.children(of: "430104").isEmpty)
        #expect(catalog.children(of: "430000").count == 14)
    }

    @Test func parserSkipsCommentsHeaderAndBlankLinesAndReadsCRLF() {
        let text =
            "# source: test\r\ncode,name,parent_code,level\r\n430000,湖南省,,province\r\n\r\n"
            + "430100,长沙市,430000,prefecture\n430104,岳麓区,430100,county\nbroken line\n"
            + "430105,开福区,430100,town\n"
        let divisions = DivisionCatalog.parseCSV(text)
        #expect(divisions.map(\.code) == ["430000", "430100", "430104"])
        #expect(divisions.first?.parentCode == nil)
        #expect(divisions.last?.parentCode == "430100")
    }

    @Test func emptyCatalogAnswersNothing() {
        let empty = DivisionCatalog(divisions: [])
        #expect(empty.province == nil)
        #expect(empty.prefectures.isEmpty)
        #expect(empty.displayName(code: "430104") == nil)
    }
}
