import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The notice list (公示名单) and the funded list (立项名单) as the province posts them: one
/// sheet, A4 landscape, and the same sheet turned into PDF by LibreOffice.
enum PublicListDocument {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func xlsx(title: String, items: [NoticeService.Item], footer: [String]) throws -> Data {
        var rows: [[XlsxCell]] = [
            [.text(title, style: .title)],
            ["序号", "申报单位", "项目名称", "项目类别", "资助金额（万元）"].map { .text($0, style: .header) },
        ]
        for (index, item) in items.enumerated() {
            rows.append([
                .number(Double(index + 1), style: .bodyCenter), .text(item.organization, style: .body),
                .text(item.project, style: .body), .text(item.categoryLabel, style: .bodyCenter),
                .number(Double(item.amountYuan) / 10_000, style: .bodyCenter),
            ])
        }
        let total = items.reduce(0) { $0 + $1.amountYuan }
        rows.append([
            .text("合计", style: .bodyCenter), .text("\(items.count)项", style: .body), .empty, .empty,
            .number(Double(total) / 10_000, style: .bodyCenter),
        ])
        rows.append([])
        rows += footer.map { [.text($0, style: .normal)] }
        var workbook = XlsxWorkbook()
        workbook.addSheet(
            XlsxSheet(
                name: "名单", rows: rows, columnWidths: [6, 34, 40, 16, 16], merges: ["A1:E1"], frozenRows: 2,
                printSetup: XlsxPrintSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 2...2)))
        return try workbook.data()
    }

    static func noticeFooter(_ notice: NoticeService.NoticeView) -> [String] {
        [
            "公示期：\(Day(notice.startDate)?.chinese ?? notice.startDate)至\(Day(notice.endDate)?.chinese ?? notice.endDate)（\(notice.workingDays)个工作日）",
            notice.howToObject,
        ]
    }

    /// The file, or its PDF made from it (converted once per content, see `PublicDocumentCache`).
    static func response(_ req: Request, xlsx: Data, name: String, pdf: Bool) async throws -> Response {
        guard pdf else { return Response.download(xlsx, type: xlsxType, name: "\(name).xlsx") }
        let converter = req.application.pdfConverter
        let converted = try await req.application.publicDocuments.pdf(of: xlsx) {
            try await converter.convert($0, format: "xlsx")
        }
        return Response.download(converted, type: "application/pdf", name: "\(name).pdf")
    }
}
