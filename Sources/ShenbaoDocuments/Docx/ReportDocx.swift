import Foundation
import ShenbaoCore

/// The funded project's report (中期报告, 总结报告…) and the province's acceptance opinion
/// (验收意见书) as Word documents, set up like the agreement (A4, 宋体, 黑体 titles, bordered
/// tables); the unit's signature and stamp lines left empty. LibreOffice makes their PDFs.
public enum ReportDocx {
    public static func report(_ content: ReportText.ReportContent) throws -> Data {
        let width = WordML.Page.textWidth
        var body = titles(content.title, content.subtitle)
        body += heading("一、项目基本信息")
        body += rows(content.basics)
        body += heading("二、报告内容")
        body += content.answers.isEmpty ? prose("（本报告无填报事项）") : rows(content.answers, label: 2800)
        body += heading("三、经费决算")
        var accounts = DocxTable(grid: [1200, 1800, 2350, width - 5350])
        accounts.rows.append(header(content.accountColumns))
        for row in content.accounts {
            accounts.rows.append(
                row.enumerated().map { DocxCell($0.element, paragraph: $0.offset == 3 ? .plain : .centered) })
        }
        accounts.rows.append(
            content.total.map { DocxCell($0, run: WordML.RunStyle(bold: true), paragraph: .centered) })
        body += accounts.xml
        body += heading("四、佐证材料")
        if content.evidence.isEmpty {
            body += prose("（未上传）")
        } else {
            var evidence = DocxTable(grid: [3000, width - 3000])
            evidence.rows.append(header(content.evidenceColumns))
            for row in content.evidence {
                evidence.rows.append([DocxCell.label(row[0]), DocxCell(row[1])])
            }
            body += evidence.xml
        }
        body += signed(content.declaration, content.signatures)
        body += "<w:p/>" + WordML.section()
        return try DocxPart.package(body: body, title: content.subtitle)
    }

    public static func acceptance(_ content: ReportText.AcceptanceContent) throws -> Data {
        let width = WordML.Page.textWidth
        var body = titles(content.title, content.subtitle)
        body += heading("一、项目基本信息")
        body += rows(content.basics)
        body += heading("二、目标完成情况")
        var goals = DocxTable(grid: [1200, 2400, width - 4900, 1300])
        goals.rows.append(header(content.goalColumns))
        for row in content.goals {
            // The period on two lines, broken after 至 rather than inside a date.
            goals.rows.append(
                row.enumerated().map { column, text in
                    DocxCell(
                        column == 1 ? text.replacingOccurrences(of: "至", with: "至\n") : text,
                        paragraph: column == 2 ? .plain : .centered)
                })
        }
        body += goals.xml
        body += heading("三、验收结论")
        body += rows(content.conclusion)
        body += heading("四、验收意见")
        body += prose(content.opinion)
        body += WordML.paragraph([], WordML.ParagraphStyle(spacingBefore: 480))
        body += WordML.paragraph(content.issuer, .plain, WordML.ParagraphStyle(alignment: .right))
        body += WordML.paragraph(content.date.chinese, .plain, WordML.ParagraphStyle(alignment: .right))
        body += "<w:p/>" + WordML.section()
        return try DocxPart.package(body: body, title: content.subtitle)
    }

    /// The unit's declaration, then its signature and stamp lines: the labels only, with room for
    /// the hand and the seal, kept on one page with the date.
    private static func signed(_ declaration: String, _ labels: [String]) -> String {
        let width = WordML.Page.textWidth
        var body = ""
        body += WordML.paragraph(
            declaration, .plain,
            WordML.ParagraphStyle(
                alignment: .both, keepNext: true, spacingBefore: 240, spacingAfter: 240, indentFirstLine: true))
        // The unit signs and stamps on paper: the labels only, with room for the hand and the seal.
        var signatures = DocxTable(grid: [width / 2, width - width / 2], rowsKeptWhole: true)
        // The declaration, the signature row and the date row kept on one page.
        func room(_ text: String, after: Int, span: Int = 1, alignment: WordML.Alignment? = nil) -> DocxCell {
            DocxCell(
                [
                    WordML.paragraph(
                        text, .plain,
                        WordML.ParagraphStyle(
                            alignment: alignment, keepNext: span == 1, spacingBefore: 120, spacingAfter: after))
                ], span: span)
        }
        if labels.count == 3 {
            signatures.add(room(labels[0], after: 1440), room(labels[1], after: 1440))
            signatures.add(room(labels[2], after: 120, span: 2, alignment: .right))
        }
        return body + signatures.xml
    }

    /// 项目变更申请表: the project, the change from what to what and why, the province's decision
    /// once made, and the unit's signature and stamp lines.
    public static func change(_ content: ChangeRequestText.Content) throws -> Data {
        var body = titles(content.title, content.subtitle)
        body += heading("一、项目基本信息")
        body += rows(content.basics)
        body += heading("二、变更内容")
        body += rows(content.change)
        if !content.decision.isEmpty {
            body += heading("三、省科协审核意见")
            body += rows(content.decision)
        }
        body += signed(content.declaration, content.signatures)
        body += "<w:p/>" + WordML.section()
        return try DocxPart.package(body: body, title: content.subtitle)
    }

    private static func titles(_ title: String, _ subtitle: String) -> String {
        WordML.paragraph(
            title, WordML.RunStyle(font: .heading, size: 32),
            WordML.ParagraphStyle(alignment: .center, spacingBefore: 240, spacingAfter: 120))
            + WordML.paragraph(
                subtitle, WordML.RunStyle(font: .heading, size: 44),
                WordML.ParagraphStyle(alignment: .center, spacingAfter: 360))
    }

    /// A label and value table, labels centred in the narrow column.
    private static func rows(_ rows: [AgreementText.Row], label: Int = 2400) -> String {
        var table = DocxTable(grid: [label, WordML.Page.textWidth - label])
        for row in rows {
            table.add(DocxCell.label(row.label), DocxCell(row.value))
        }
        return table.xml
    }

    private static func header(_ columns: [String]) -> [DocxCell] {
        columns.map { DocxCell($0, run: WordML.RunStyle(bold: true), paragraph: .centered) }
    }

    private static func prose(_ text: String) -> String {
        WordML.paragraph(
            text, .plain, WordML.ParagraphStyle(alignment: .both, spacingAfter: 120, indentFirstLine: true))
    }

    private static func heading(_ text: String) -> String {
        WordML.paragraph(
            text, WordML.RunStyle(font: .heading),
            WordML.ParagraphStyle(keepNext: true, spacingBefore: 240, spacingAfter: 120))
    }
}
