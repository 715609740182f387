import Foundation
import ShenbaoCore

/// Form 3 of the guide, 申报信息汇总表: what one recommender recommends, one row per application,
/// sent to the province under the recommender's seal; the province makes the same table over the
/// whole call.
///
/// Laid out as the guide prints it: the title, the 填报单位 line to be sealed, the header, then the
/// rows numbered from 1. The two summary texts are long (300 and 400 字), so their columns are
/// the widest and wrap, and the sheet prints A4 landscape, fitted to the page's width, with the
/// header repeated on every page.
public enum SummaryTable {
    /// The form's title in the 2025 guide.
    public static let officialTitle = "湖南省科协国际与区域科技合作交流项目申报信息汇总表"
    /// The header row. The guide's form states each summary's limit (严格控制在…字以内) in its
    /// sample row, which a filled table no longer has, so the header carries it.
    public static let columnTitles = [
        "序号", "申报单位", "单位性质", "项目主要内容（300字以内）", "国际与区域科技合作交流基础（400字以内）", "合作单位",
    ]
    /// In Excel's units (one Chinese character is about two): the summaries get room for about
    /// 28 and 32 characters a line, so a full 400-字 text is some 13 lines.
    static let columnWidths: [Double] = [6, 26, 10, 56, 64, 28]
    static let sheetName = "汇总表"
    static let headerRow = 3

    /// Form 3 (汇总表) of one recommender (fillingOrganization = 填报单位) or of the whole call.
    ///
    /// Throws `SummaryTableError` when a row's summary is over the guide's limit.
    public static func xlsx(title: String, fillingOrganization: String, rows: [SummaryTableRow]) throws -> Data {
        var workbook = XlsxWorkbook()
        workbook.title = title
        workbook.addSheet(try sheet(title: title, fillingOrganization: fillingOrganization, rows: rows))
        return try workbook.data()
    }

    /// The sheet of `xlsx(title:fillingOrganization:rows:)`, for a workbook of several tables.
    public static func sheet(title: String, fillingOrganization: String, rows: [SummaryTableRow]) throws -> XlsxSheet {
        let problems = limitProblems(rows)
        guard problems.isEmpty else { throw SummaryTableError(problems: problems) }

        let lastColumn = CellReference.columnName(columnTitles.count)
        var cells: [[XlsxCell]] = [
            [.text(title, style: .title)],
            [.text(fillingLine(fillingOrganization))],
            columnTitles.map { .text($0, style: .header) },
        ]
        for (index, row) in rows.enumerated() {
            cells.append([
                .number(Double(index + 1), style: .bodyCenter),
                .text(trimmed(row.organizationName), style: .body),
                .text(trimmed(row.nature), style: .bodyCenter),
                .text(trimmed(row.summaryContent), style: .body),
                .text(trimmed(row.summaryBasis), style: .body),
                .text(trimmed(row.partners), style: .body),
            ])
        }
        return XlsxSheet(
            name: sheetName, rows: cells, columnWidths: columnWidths,
            merges: ["A1:\(lastColumn)1", "A2:\(lastColumn)2"], frozenRows: headerRow,
            printSetup: XlsxPrintSetup(
                orientation: .landscape, fitToWidth: true, repeatedRows: headerRow...headerRow,
                footer: "第 &P 页，共 &N 页"))
    }

    /// The line the recommender seals, worded as the guide's form: 填报单位：…（公章）.
    public static func fillingLine(_ organization: String) -> String {
        "填报单位：\(trimmed(organization))（公章）"
    }

    /// The guide's limits, counted as `ApplicationRules` counts them: in characters, trimmed.
    static func limitProblems(_ rows: [SummaryTableRow]) -> [Problem] {
        rows.enumerated().flatMap { index, row -> [Problem] in
            // Most rows are within the limits: settle that before building any message.
            let withinLimits =
                TextRules.maximumLength(
                    trimmed(row.summaryContent), ApplicationRules.summaryContentLimit, field: "", label: ""
                ).isEmpty
                && TextRules.maximumLength(
                    trimmed(row.summaryBasis), ApplicationRules.summaryBasisLimit, field: "", label: ""
                ).isEmpty
            if withinLimits { return [] }
            let label = "第\(index + 1)行（\(trimmed(row.organizationName))）的"
            return TextRules.maximumLength(
                trimmed(row.summaryContent), ApplicationRules.summaryContentLimit,
                field: "rows[\(index)].summaryContent", label: label + "项目主要内容")
                + TextRules.maximumLength(
                    trimmed(row.summaryBasis), ApplicationRules.summaryBasisLimit,
                    field: "rows[\(index)].summaryBasis", label: label + "国际与区域科技合作交流基础")
        }
    }

    /// Without the blank lines and spaces a paste from Word leaves around a text, which would
    /// only make a row taller; what is inside the text is kept as typed. Trimmed as the rules
    /// trim (by `Character`), so a text they accepted is never over the limit here.
    static func trimmed(_ text: String) -> String {
        // Most texts have nothing to trim: no copy for them.
        if let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace { return text }
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
