import Foundation
import ShenbaoCore
import Testing

@testable import ShenbaoDocuments

@Suite("summary table (form 3)")
struct SummaryTableTests {
    @Test("the fixtures use the guide's limits to the character")
    func fixturesAreAtTheLimits() {
        #expect(SummaryTableFixtures.rows[1].summaryContent.count == ApplicationRules.summaryContentLimit)
        #expect(SummaryTableFixtures.rows[1].summaryBasis.count == ApplicationRules.summaryBasisLimit)
    }

    @Test("laid out as the guide's form: title, 填报单位 line, header, numbered rows")
    func layout() throws {
        // setup
        let rows = SummaryTableFixtures.rows
        // MUT
        let data = try SummaryTable.xlsx(
            title: SummaryTableFixtures.title, fillingOrganization: SummaryTableFixtures.fillingOrganization,
            rows: rows)
        // validate
        let file = try XlsxPackage(data)
        let cells = try file.cells(sheet: 1)
        #expect(cells["A1"] == "2025年度国际与区域科技交流类项目申报汇总表")
        #expect(cells["A2"] == "填报单位：长沙市科学技术协会（公章）")
        #expect(["A", "B", "C", "D", "E", "F"].map { cells["\($0)3"] } == SummaryTable.columnTitles)
        #expect(
            SummaryTable.columnTitles == [
                "序号", "申报单位", "单位性质", "项目主要内容（300字以内）", "国际与区域科技合作交流基础（400字以内）", "合作单位",
            ])
        for (index, row) in rows.enumerated() {
            let line = index + 4
            #expect(cells["A\(line)"] == "\(index + 1)")
            #expect(cells["B\(line)"] == row.organizationName)
            #expect(cells["C\(line)"] == row.nature)
            #expect(cells["E\(line)"] == row.summaryBasis)
            #expect(cells["F\(line)"] == row.partners)
        }
        #expect(cells["D4"] == rows[0].summaryContent)
        #expect(cells["D5"] == rows[1].summaryContent)
        // A paste's surrounding blank lines go; the text itself stays.
        #expect(cells["D7"] == "海外人才创新创业大赛湘潭赛区。")
        #expect(cells["A8"] == nil)

        let sheet = try file.xml("xl/worksheets/sheet1.xml")
        #expect(sheet.descendants("mergeCell").map { $0.attributes["ref"] } == ["A1:F1", "A2:F2"])
        #expect(sheet.first("pageSetup")?.attributes["orientation"] == "landscape")
        #expect(sheet.first("pageSetup")?.attributes["paperSize"] == "9")
        #expect(try file.xml("xl/workbook.xml").first("definedName")?.text == "'汇总表'!$3:$3")
        #expect(try file.xml("docProps/core.xml").first("dc:title")?.text == SummaryTableFixtures.title)
    }

    @Test("the summaries get the widest columns, and their cells wrap")
    func summariesWrap() throws {
        let sheet = try SummaryTable.sheet(title: "t", fillingOrganization: "o", rows: SummaryTableFixtures.rows)
        let widths = sheet.columnWidths
        #expect(widths.count == 6)
        let widest = widths.indices.sorted { widths[$0] > widths[$1] }.prefix(2)
        #expect(Set(widest) == [3, 4])
        #expect(sheet.rows[3][3] == .text(SummaryTableFixtures.rows[0].summaryContent, style: .body))
        #expect(sheet.rows[2].allSatisfy { if case .text(_, .header) = $0 { true } else { false } })
        #expect(sheet.printSetup?.fitToWidth == true)
    }

    @Test("a table with no rows still has its title, 填报单位 line and header")
    func empty() throws {
        let cells = try XlsxPackage(
            SummaryTable.xlsx(title: SummaryTable.officialTitle, fillingOrganization: "省科协", rows: [])
        )
        .cells(sheet: 1)
        #expect(cells["A1"] == "湖南省科协国际与区域科技合作交流项目申报信息汇总表")
        #expect(cells["A2"] == "填报单位：省科协（公章）")
        #expect(cells["F3"] == "合作单位")
        #expect(cells.count == 8)
    }

    @Test("a summary over the guide's limit is refused, naming the row and the field")
    func limitsAreEnforced() {
        var rows = SummaryTableFixtures.rows
        rows[1].summaryContent += "字"
        rows[3].summaryBasis = String(repeating: "基", count: 401)
        #expect {
            try SummaryTable.xlsx(title: "t", fillingOrganization: "o", rows: rows)
        } throws: { error in
            let problems = (error as? SummaryTableError)?.problems ?? []
            return problems.map(\.field) == ["rows[1].summaryContent", "rows[3].summaryBasis"]
                && problems.allSatisfy { $0.code == "tooLong" }
                && problems[0].message.contains("第2行") && problems[0].message.contains("300")
                && problems[1].message.contains("当前为401个字")
        }
    }

    @Test("surrounding blank space does not count against the limit")
    func limitCountsTrimmed() throws {
        var rows = SummaryTableFixtures.rows
        rows[1].summaryContent = "\n  " + rows[1].summaryContent + "\r\n"
        #expect(throws: Never.self) { try SummaryTable.xlsx(title: "t", fillingOrganization: "o", rows: rows) }
    }
}
