import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The ranking as the meeting prints it: one sheet per category, the score, the reviews it came
/// from (so a wide spread shows), the request and finance's opinion.
enum RankingXlsx {
    static let headers = [
        "排名", "申报编号", "项目名称", "申报单位", "评审得分", "评审意见数", "各专家总分", "极差", "优先条件", "申请金额（万元）", "财务意见", "会议决定",
    ]

    static func data(call: CallModel, ranking: RankingService.Result) throws -> Data {
        var workbook = XlsxWorkbook()
        for category in ShenbaoCore.Category.allCases {
            let label = FormTexts.categoryLabel(category)
            var rows: [[XlsxCell]] = [
                [.text("\(call.programme)：\(label)评审排名", style: .title)],
                headers.map { .text($0, style: .header) },
            ]
            for row in ranking.byCategory[category] ?? [] {
                rows.append([
                    .number(Double(row.rank), style: .bodyCenter),
                    .text(row.applicationNumber, style: .bodyCenter),
                    .text(row.projectName, style: .body),
                    .text(row.organizationName, style: .body),
                    .number(row.score, style: .bodyCenter),
                    .number(Double(row.reviewCount), style: .bodyCenter),
                    .text(row.totals.map(String.init).joined(separator: "、"), style: .body),
                    .number(Double(row.spread), style: .bodyCenter),
                    .number(Double(row.priorityConditions), style: .bodyCenter),
                    .number(Double(row.requestedYuan) / 10_000, style: .bodyCenter),
                    .text(row.financeText, style: .body),
                    .text(row.decisionText, style: .bodyCenter),
                ])
            }
            workbook.addSheet(
                XlsxSheet(
                    name: label, rows: rows, columnWidths: [6, 15, 34, 28, 10, 10, 22, 8, 10, 14, 26, 16],
                    merges: ["A1:L1"], frozenRows: 2,
                    printSetup: XlsxPrintSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 2...2)))
        }
        return try workbook.data()
    }
}
