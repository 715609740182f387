import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The notice list (公示名单) and the funded list (立项名单) as the province posts them, as official
/// notices: a title, a short body (the period, how to object, whom to contact), the list, and
/// the issuer (落款 湖南省科学技术协会) with the date; A4 portrait. The .xlsx holds the same for
/// those who work on the list; the PDF is made by LibreOffice from the Word document, so it
/// reads as a notice, not a spreadsheet printout.
enum PublicListDocument {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let issuer = "湖南省科学技术协会"
    static let columns = ["序号", "申报编号", "申报单位", "项目名称", "项目类别", "资助金额（万元）"]
    /// The Word table's shares of the width after 序号: the number on one line, the names widest.
    static let weights = [0, 5, 7, 9, 4, 4]

    /// What both files say.
    struct Notice {
        var title: String
        var body: [String]
        var items: [NoticeService.Item]
        var date: Day
        /// The funded list of a call that publishes it: a 验收结果 column (PublicFinalState).
        var showsFinalState = false

        var columns: [String] { PublicListDocument.columns + (showsFinalState ? [PublicFinalState.column] : []) }

        /// A project's 验收结果 cell, "—" while it has none.
        func finalState(_ item: NoticeService.Item) -> [String] {
            showsFinalState ? [item.finalStateLabel ?? PublicFinalState.none] : []
        }
    }

    static func xlsx(_ notice: Notice) throws -> Data {
        var rows: [[XlsxCell]] = [[.text(notice.title, style: .title)], []]
        rows += notice.body.map { [.text($0, style: .normal)] }
        rows.append([])
        rows.append(notice.columns.map { .text($0, style: .header) })
        for (index, item) in notice.items.enumerated() {
            rows.append(
                [
                    .number(Double(index + 1), style: .bodyCenter), .text(item.applicationNumber, style: .bodyCenter),
                    .text(item.organization, style: .body),
                    .text(item.project, style: .body), .text(item.categoryLabel, style: .bodyCenter),
                    .number(Double(item.amountYuan) / 10_000, style: .bodyCenter),
                ] + notice.finalState(item).map { .text($0, style: .bodyCenter) })
        }
        let total = notice.items.reduce(0) { $0 + $1.amountYuan }
        rows.append(
            [
                .text("合计", style: .bodyCenter), .empty, .text("\(notice.items.count)项", style: .body), .empty, .empty,
                .number(Double(total) / 10_000, style: .bodyCenter),
            ] + (notice.showsFinalState ? [.empty] : []))
        rows.append([])
        rows.append([.empty, .empty, .empty, .empty, .text(issuer, style: .normal)])
        rows.append([.empty, .empty, .empty, .empty, .text(notice.date.chinese, style: .normal)])
        let header = notice.body.count + 4
        let last = notice.showsFinalState ? "G" : "F"
        var workbook = XlsxWorkbook()
        workbook.addSheet(
            XlsxSheet(
                name: "名单", rows: rows,
                columnWidths: [6, 15, 28, 32, 14, 14] + (notice.showsFinalState ? [18] : []),
                merges: ["A1:\(last)1"] + (0..<notice.body.count).map { "A\($0 + 3):\(last)\($0 + 3)" },
                frozenRows: 0,
                printSetup: XlsxPrintSetup(orientation: .portrait, fitToWidth: true, repeatedRows: header...header)))
        return try workbook.data()
    }

    static func docx(_ notice: Notice) throws -> Data {
        var rows = notice.items.enumerated().map { index, item in
            [
                String(index + 1), item.applicationNumber, item.organization, item.project, item.categoryLabel,
                ChineseFormat.wan(item.amountYuan),
            ] + notice.finalState(item)
        }
        rows.append(
            [
                "合计", "", "\(notice.items.count)项", "", "",
                ChineseFormat.wan(notice.items.reduce(0) { $0 + $1.amountYuan }),
            ] + (notice.showsFinalState ? [""] : []))
        return try PublicListDocx.data(
            PublicListDocx.Content(
                title: notice.title, paragraphs: notice.body, columns: notice.columns,
                weights: weights + (notice.showsFinalState ? [5] : []), rows: rows,
                issuer: issuer,
                date: notice.date))
    }

    /// The notice's body: its period, how to object (with the call's contact).
    static func noticeBody(_ notice: NoticeService.NoticeView) -> [String] {
        let start = Day(notice.startDate)?.chinese ?? notice.startDate
        let end = Day(notice.endDate)?.chinese ?? notice.endDate
        return [
            "根据《\(notice.callTitle)》，经形式审查、专家评审和会议审议，现将拟资助项目予以公示。",
            "公示期：\(start)至\(end)（\(notice.workingDays)个工作日，节假日不计）。",
            notice.howToObject,
        ]
    }

    /// The funded list's body: what it is and whom to ask.
    static func fundedBody(callTitle: String, contact: CallContact) -> [String] {
        [
            "根据《\(callTitle)》，经专家评审、会议审议和公示，现将立项项目名单予以公布。",
            "联系人：\(contact.department) \(contact.person)，电话：\(contact.phone)，电子邮箱：\(contact.email)。",
        ]
    }

    /// The .xlsx, or the PDF made from the Word notice (converted once per content, see
    /// `PublicDocumentCache`).
    static func response(_ req: Request, _ notice: Notice, pdf: Bool) async throws -> Response {
        guard pdf else { return Response.download(try xlsx(notice), type: xlsxType, name: "\(notice.title).xlsx") }
        let converter = req.application.pdfConverter
        let converted = try await req.application.publicDocuments.pdf(of: try docx(notice)) {
            try await converter.convert($0, format: "docx")
        }
        return Response.download(converted, type: "application/pdf", name: "\(notice.title).pdf")
    }
}
