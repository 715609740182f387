import Foundation
import ShenbaoCore

/// The funded project's two Word documents, set up like the province's notices (A4, 宋体, 黑体
/// titles): the award letter (立项通知书) and the agreement (项目任务书) with its two parties'
/// stamp and signature lines left empty. LibreOffice makes their PDFs.
public enum ProjectDocx {
    public static func awardLetter(_ content: AwardLetter.Content) throws -> Data {
        var body = WordML.paragraph(
            content.title, WordML.RunStyle(font: .heading, size: 36),
            WordML.ParagraphStyle(alignment: .center, spacingBefore: 240, spacingAfter: 360))
        body += WordML.paragraph(content.addressee, .plain, WordML.ParagraphStyle(spacingAfter: 120))
        for text in content.paragraphs {
            body += WordML.paragraph(
                text, .plain, WordML.ParagraphStyle(alignment: .both, spacingAfter: 120, indentFirstLine: true))
        }
        body += WordML.paragraph([], WordML.ParagraphStyle(spacingBefore: 480))
        body += WordML.paragraph(content.issuer, .plain, WordML.ParagraphStyle(alignment: .right))
        body += WordML.paragraph(content.date.chinese, .plain, WordML.ParagraphStyle(alignment: .right))
        body += "<w:p/>" + WordML.section()
        return try DocxPart.package(body: body, title: content.title)
    }

    public static func agreement(_ content: AgreementText.Content) throws -> Data {
        var body = WordML.paragraph(
            content.title, WordML.RunStyle(font: .heading, size: 32),
            WordML.ParagraphStyle(alignment: .center, spacingBefore: 240, spacingAfter: 120))
        body += WordML.paragraph(
            content.subtitle, WordML.RunStyle(font: .heading, size: 44),
            WordML.ParagraphStyle(alignment: .center, spacingAfter: 360))
        body += heading("一、项目基本信息")
        let width = WordML.Page.textWidth
        var basics = DocxTable(grid: [2400, width - 2400])
        for row in content.basics {
            basics.add(DocxCell.label(row.label), DocxCell(row.value))
        }
        body += basics.xml
        body += heading("二、预期目标")
        body += WordML.paragraph(
            content.goals, .plain, WordML.ParagraphStyle(alignment: .both, spacingAfter: 120, indentFirstLine: true))
        body += heading("三、实施计划与经费安排")
        var phases = DocxTable(grid: [1300, 2700, 1600, width - 5600])
        phases.rows.append(
            content.phaseColumns.map { DocxCell($0, run: WordML.RunStyle(bold: true), paragraph: .centered) })
        for row in content.phases {
            // The period on two lines, broken after 至 rather than inside a date (as the report).
            phases.rows.append(
                row.enumerated().map { column, text in
                    DocxCell(
                        column == 1 ? text.replacingOccurrences(of: "至", with: "至\n") : text,
                        paragraph: column == 3 ? .plain : .centered)
                })
        }
        body += phases.xml
        body += heading("四、双方责任")
        for text in content.duties {
            body += WordML.paragraph(
                text, .plain, WordML.ParagraphStyle(alignment: .both, spacingAfter: 120, indentFirstLine: true))
        }
        body += WordML.paragraph(
            content.closing, .plain, WordML.ParagraphStyle(alignment: .both, spacingAfter: 240, indentFirstLine: true))
        // The stamp and signature lines: the parties named above them, the lines themselves empty.
        var signatures = DocxTable(grid: [width / 2, width - width / 2])
        // Room below 盖章 for the seal and after 签字 for the hand: the cells are written on paper.
        func room(_ text: String, after: Int) -> DocxCell {
            DocxCell([WordML.paragraph(text, .plain, WordML.ParagraphStyle(spacingBefore: 120, spacingAfter: after))])
        }
        signatures.add(DocxCell("甲方：\(content.partyA)"), DocxCell("乙方：\(content.partyB)"))
        signatures.add(room("（盖章）", after: 1440), room("（盖章）", after: 1440))
        signatures.add(room("负责人签字：", after: 600), room("项目负责人签字：", after: 600))
        signatures.add(room("年　　月　　日", after: 120), room("年　　月　　日", after: 120))
        body += signatures.xml
        body += "<w:p/>" + WordML.section()
        return try DocxPart.package(body: body, title: content.subtitle)
    }

    private static func heading(_ text: String) -> String {
        WordML.paragraph(
            text, WordML.RunStyle(font: .heading),
            WordML.ParagraphStyle(keepNext: true, spacingBefore: 240, spacingAfter: 120))
    }
}
