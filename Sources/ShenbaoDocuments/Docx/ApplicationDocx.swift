import Foundation
import ShenbaoCore

/// The application form (申报书) as a Word document (.docx), laid out as the guide's form of its
/// category: the cover, then sections 一 to 四 as bordered tables, with ☑ and ☐ before the
/// options and the lines for seal, signature and date.
///
/// Office Open XML written directly into a ZIP archive, no template: A4 portrait, margins of
/// 2.5 cm, 宋体 小四 with 黑体 headings. Rows have no fixed height, so long texts wrap onto as many
/// lines and pages as they need; a text's own line breaks are kept. The same document always
/// gives the same bytes.
public enum ApplicationDocx {
    public static func data(_ document: ApplicationDocument) throws -> Data {
        let title = FormTexts.formTitle(document.category)
        var body = cover(document)
        body += sectionOne(document) + spacer
        body += sectionTwo(document) + spacer
        body += sectionThree() + spacer
        body += sectionFour(document)
        if !document.supplement.isEmpty { body += supplement(document.supplement) }
        // The body's last block must be a paragraph; the section of the form's pages follows it.
        // With a numbered cover, the form's pages get an empty header of their own, or Word
        // would repeat the cover's.
        let headers = document.number == nil ? 0 : 2
        body += "<w:p/>" + WordML.section(header: headers == 0 ? nil : "rIdHeader2")

        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", DocxPart.contentTypes(headers: headers)),
            ("_rels/.rels", DocxPart.packageRelationships),
            ("docProps/app.xml", XlsxPart.extendedProperties(application: "Shenbao")),
            ("docProps/core.xml", XlsxPart.coreProperties(title: title, creator: "Shenbao")),
            ("word/document.xml", DocxPart.document(body: body)),
            ("word/_rels/document.xml.rels", DocxPart.documentRelationships(headers: headers)),
            ("word/styles.xml", DocxPart.styles),
            ("word/settings.xml", DocxPart.settings),
            ("word/fontTable.xml", DocxPart.fontTable),
        ]
        if let number = document.number {
            parts.append(("word/header1.xml", DocxPart.header([numberParagraph(number)])))
            parts.append(("word/header2.xml", DocxPart.header([])))
        }
        return try ZipPackage.data(parts.map { ($0.path, Data($0.xml.utf8)) })
    }

    /// `申报编号：2025-HY-0012` at the right of the cover's header.
    static func numberParagraph(_ number: String) -> String {
        WordML.paragraph(
            [WordML.run("申报编号：" + number, WordML.RunStyle(size: 21))], WordML.ParagraphStyle(alignment: .right))
    }

    /// An empty paragraph between two tables: Word would join tables that touch.
    static let spacer = "<w:p/>"

    // MARK: - Cover (封面)

    /// 三号 (16 pt), the cover's size, in half-points.
    static let coverSize = 32
    /// One character of the cover, in twips.
    static let coverCharacter = coverSize * 10

    /// The cover on a page of its own, exactly the form's: the title in two lines as the form
    /// sets it (…项目 / 申报书), the four lines 申报单位 / 项目期限 / 联 系 人 / 联系电话, then
    /// 湖南省科学技术协会制 and the forms' edition (2025年2月), never the day it was printed.
    static func cover(_ document: ApplicationDocument) -> String {
        let form = document.form
        var xml = WordML.paragraph(
            titleLines(FormTexts.formTitle(document.category)), .plain,
            WordML.ParagraphStyle(styleID: "Title", spacingBefore: 1200))

        let lines: [(label: String, value: String)] = [
            ("申报单位", text(document.organization.name)),
            ("项目期限", period(form.period, separator: "至")),
            ("联系人", text(form.contactName)),
            ("联系电话", text(form.contactPhone)),
        ]
        let labelWidth = 5 * coverCharacter
        for (index, line) in lines.enumerated() {
            let style = WordML.ParagraphStyle(
                spacingBefore: index == 0 ? 2000 : nil, spacingAfter: 200, indentLeft: labelWidth + 1100,
                hanging: labelWidth, size: coverSize)
            xml += WordML.paragraph(
                coverLabel(line.label) + [WordML.run(line.value, WordML.RunStyle(size: coverSize))], style)
        }

        xml += WordML.paragraph(
            "湖南省科学技术协会制", WordML.RunStyle(size: coverSize),
            WordML.ParagraphStyle(alignment: .center, spacingBefore: 2000, spacingAfter: 200, size: coverSize))
        // The cover is a section of its own, so the form starts on a new page with nothing before it.
        xml += WordML.paragraph(
            [WordML.run(document.edition, WordML.RunStyle(size: coverSize))],
            WordML.ParagraphStyle(alignment: .center, size: coverSize),
            sectionEnd: WordML.section(header: document.number == nil ? nil : "rIdHeader1"))
        return xml
    }

    /// `湖南省科协…项目申报书` as the form prints it: 申报书 on a line of its own.
    static func titleLines(_ title: String) -> String {
        let suffix = "申报书"
        guard title.hasSuffix(suffix), title.count > suffix.count else { return title }
        return "\(title.dropLast(suffix.count))\n\(suffix)"
    }

    /// A cover label and its colon, a three-character label (联系人) spread to the width of four as
    /// the form spaces it (联 系 人), so the values line up.
    static func coverLabel(_ label: String) -> [String] {
        let plain = WordML.RunStyle(size: coverSize)
        guard label.count == 3 else { return [WordML.run(label + "：", plain)] }
        // Half a character after each of the first two, one character in all.
        var spread = plain
        spread.characterSpacing = coverCharacter / 2
        return [WordML.run(String(label.prefix(2)), spread), WordML.run(String(label.dropFirst(2)) + "：", plain)]
    }

    // MARK: - Text

    /// A value as it prints: nothing for nil, without the blank lines and spaces around it.
    static func text(_ value: String?) -> String {
        SummaryTable.trimmed(value ?? "")
    }

    /// `2025年6月1日至2025年12月31日` (or with —): the days the range has, an empty side left empty.
    static func period(_ range: DayRange?, separator: String) -> String {
        guard let range, range.start != nil || range.end != nil else { return "" }
        return (range.start?.chinese ?? "") + separator + (range.end?.chinese ?? "")
    }

    /// `名称（国家或地区）`: the country's Chinese name, or the code as typed when it is no known code.
    static func named(_ name: String?, in countryOrRegion: String?) -> String {
        let name = text(name)
        let code = text(countryOrRegion)
        guard !code.isEmpty else { return name }
        return "\(name)（\(CountryOrRegion.name(of: code) ?? code)）"
    }

    /// A country or region's Chinese name, or the code as typed.
    static func countryName(_ code: String?) -> String {
        let code = text(code)
        return code.isEmpty ? "" : CountryOrRegion.name(of: code) ?? code
    }
}
