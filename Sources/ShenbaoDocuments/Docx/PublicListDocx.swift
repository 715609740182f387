import Foundation
import ShenbaoCore

/// The public notice (公示) and the funded list (立项名单) as the official notice the province
/// posts: a 黑体 title, a short body (the period, how to object, whom to contact), the list as a
/// bordered table, then the issuer (落款) and the date on the right; A4 portrait, 宋体, the same
/// page set-up as the application forms. LibreOffice makes the public PDF from it.
public enum PublicListDocx {
    /// What the document says; the table's rows are already text (amounts in 万元).
    public struct Content: Sendable {
        public var title: String
        public var paragraphs: [String]
        public var columns: [String]
        /// Each column's share of the width after the first (序号); by default 3 for the two after
        /// it (the names) and 2 for the others.
        public var weights: [Int]?
        public var rows: [[String]]
        public var issuer: String
        public var date: Day

        public init(
            title: String, paragraphs: [String], columns: [String], weights: [Int]? = nil, rows: [[String]],
            issuer: String, date: Day
        ) {
            self.title = title
            self.paragraphs = paragraphs
            self.columns = columns
            self.weights = weights
            self.rows = rows
            self.issuer = issuer
            self.date = date
        }
    }

    public static func data(_ content: Content) throws -> Data {
        var body = WordML.paragraph(
            content.title, WordML.RunStyle(font: .heading, size: 36),
            WordML.ParagraphStyle(alignment: .center, spacingBefore: 240, spacingAfter: 360))
        for text in content.paragraphs {
            body += WordML.paragraph(
                text, .plain, WordML.ParagraphStyle(alignment: .both, spacingAfter: 120, indentFirstLine: true))
        }
        body += table(content).xml
        body += WordML.paragraph(
            [], WordML.ParagraphStyle(spacingBefore: 480))
        body += WordML.paragraph(content.issuer, .plain, WordML.ParagraphStyle(alignment: .right))
        body += WordML.paragraph(content.date.chinese, .plain, WordML.ParagraphStyle(alignment: .right))
        body += "<w:p/>" + WordML.section()
        return try DocxPart.package(body: body, title: content.title)
    }

    /// The columns share the text width: the first (序号) narrow, the names wide.
    static func table(_ content: Content) -> DocxTable {
        let count = max(content.columns.count, 1)
        let narrow = 700
        let weights =
            content.weights.map { [0] + $0.dropFirst() } ?? (0..<count).map { $0 == 0 ? 0 : ($0 <= 2 ? 3 : 2) }
        let rest = WordML.Page.textWidth - narrow
        let total = max(weights.reduce(0, +), 1)
        let grid = weights.map { $0 == 0 ? narrow : rest * $0 / total }
        var table = DocxTable(grid: grid)
        // 五号 (10.5 pt) in the table, as notices set their lists, so a number and a project's name
        // keep to one line where they can.
        table.rows.append(
            content.columns.map { DocxCell($0, run: WordML.RunStyle(bold: true, size: 21), paragraph: .centered) })
        for row in content.rows {
            table.rows.append(row.map { DocxCell($0, run: WordML.RunStyle(size: 21), paragraph: .centered) })
        }
        return table
    }
}
