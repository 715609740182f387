import Foundation

/// The fixed parts of a WordprocessingML package besides the document itself: content types,
/// relationships, styles, settings and the font table.
///
/// The fonts are the ones of Chinese government forms, 宋体 for the text and 黑体 for headings,
/// named as Windows names them (SimSun, SimHei) so Word and WPS use them as they are. The font
/// table gives each its Chinese name, GB2312 character set and family, from which a program
/// without them chooses a like font; and it lists the Noto CJK fonts, which a Linux server's
/// LibreOffice has, so it finds a Chinese font when it makes the PDF.
enum DocxPart {
    static let mainNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let contentTypePrefix = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    static let relationshipTypePrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// `[Content_Types].xml`.
    static let contentTypes = contentTypes(headers: 0)

    /// `[Content_Types].xml` of a document with `headers` header parts (`word/header1.xml` …).
    static func contentTypes(headers: Int) -> String {
        var xml = XlsxPart.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += override("/word/document.xml", "\(contentTypePrefix).document.main+xml")
        xml += override("/word/styles.xml", "\(contentTypePrefix).styles+xml")
        xml += override("/word/settings.xml", "\(contentTypePrefix).settings+xml")
        xml += override("/word/fontTable.xml", "\(contentTypePrefix).fontTable+xml")
        xml += override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        xml += override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        for index in stride(from: 1, through: headers, by: 1) {
            xml += override("/word/header\(index).xml", "\(contentTypePrefix).header+xml")
        }
        xml += "</Types>"
        return xml
    }

    private static func override(_ partName: String, _ contentType: String) -> String {
        "<Override PartName=\"\(partName)\" ContentType=\"\(contentType)\"/>"
    }

    /// `_rels/.rels`: where the document and the document properties are.
    static let packageRelationships: String = {
        var xml = XlsxPart.declaration
        xml += "<Relationships xmlns=\"\(XlsxPart.packageRelationshipNamespace)\">"
        xml += relationship("rId1", XlsxPart.officeDocumentType, "word/document.xml")
        xml += relationship("rId2", XlsxPart.corePropertiesType, "docProps/core.xml")
        xml += relationship("rId3", XlsxPart.extendedPropertiesType, "docProps/app.xml")
        xml += "</Relationships>"
        return xml
    }()

    /// `word/_rels/document.xml.rels`: the styles, settings and font table.
    static let documentRelationships = documentRelationships(headers: 0)

    /// The relationships with `headers` header parts, `rIdHeader1` … for `word/header1.xml` ….
    static func documentRelationships(headers: Int) -> String {
        var xml = XlsxPart.declaration
        xml += "<Relationships xmlns=\"\(XlsxPart.packageRelationshipNamespace)\">"
        xml += relationship("rId1", "\(relationshipTypePrefix)/styles", "styles.xml")
        xml += relationship("rId2", "\(relationshipTypePrefix)/settings", "settings.xml")
        xml += relationship("rId3", "\(relationshipTypePrefix)/fontTable", "fontTable.xml")
        for index in stride(from: 1, through: headers, by: 1) {
            xml += relationship("rIdHeader\(index)", "\(relationshipTypePrefix)/header", "header\(index).xml")
        }
        xml += "</Relationships>"
        return xml
    }

    /// `word/headerN.xml` holding `paragraphs` (an empty paragraph when none: a header part needs one).
    static func header(_ paragraphs: [String]) -> String {
        XlsxPart.declaration + "<w:hdr xmlns:w=\"\(mainNamespace)\" xmlns:r=\"\(relationshipTypePrefix)\">"
            + (paragraphs.isEmpty ? "<w:p/>" : paragraphs.joined()) + "</w:hdr>"
    }

    private static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
    }

    /// `word/document.xml` around the body's paragraphs and tables.
    static func document(body: String) -> String {
        XlsxPart.declaration + "<w:document xmlns:w=\"\(mainNamespace)\" xmlns:r=\"\(relationshipTypePrefix)\">"
            + "<w:body>\(body)</w:body></w:document>"
    }

    /// Body text size: 小四 (12 pt), in half-points.
    static let bodySize = 24

    /// `word/styles.xml`: 宋体 小四 for everything, 黑体 for the title and section headings, and
    /// single line spacing so a filled table is as compact as the printed form.
    static let styles: String = {
        var xml = XlsxPart.declaration
        xml += "<w:styles xmlns:w=\"\(mainNamespace)\">"
        xml += "<w:docDefaults><w:rPrDefault><w:rPr>"
        xml += "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"SimSun\""
        xml += " w:cs=\"Times New Roman\"/>"
        xml += "<w:kern w:val=\"2\"/><w:sz w:val=\"\(bodySize)\"/><w:szCs w:val=\"\(bodySize)\"/>"
        xml += "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
        xml += "</w:rPr></w:rPrDefault>"
        xml += "<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:spacing w:after=\"0\" w:line=\"300\""
        xml += " w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
        xml += "</w:docDefaults>"
        xml += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
        xml += "<w:qFormat/></w:style>"
        xml += "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
        xml += "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
        xml += "<w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>"
        xml += "<w:outlineLvl w:val=\"0\"/></w:pPr>"
        xml += "<w:rPr>\(WordML.Font.heading.properties)<w:b/><w:bCs/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>"
        xml += "</w:rPr></w:style>"
        xml += "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
        xml += "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
        xml += "<w:pPr><w:keepNext/><w:spacing w:before=\"60\" w:after=\"60\"/><w:jc w:val=\"left\"/>"
        xml += "<w:outlineLvl w:val=\"0\"/></w:pPr>"
        xml += "<w:rPr>\(WordML.Font.heading.properties)<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
        xml += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
        xml += "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
        xml += "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        xml += "</w:styles>"
        return xml
    }()

    /// `word/settings.xml`: Chinese defaults (a two-character tab, compressed punctuation).
    static let settings: String = {
        var xml = XlsxPart.declaration
        xml += "<w:settings xmlns:w=\"\(mainNamespace)\">"
        xml += "<w:zoom w:percent=\"100\"/>"
        xml += "<w:defaultTabStop w:val=\"420\"/>"
        xml += "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
        // A line ended by a typed line break (w:br) is not stretched across a justified paragraph.
        xml +=
            "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\""
        xml += " w:val=\"15\"/></w:compat>"
        xml += "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
        xml += "</w:settings>"
        return xml
    }()

    /// A font of the font table: name, alternative name, PANOSE, character set, family, pitch.
    private struct FontEntry {
        var name: String
        var alternative: String?
        var panose: String?
        var charset: String
        var family: String
        var pitch: String
    }

    private static let fonts = [
        FontEntry(
            name: "SimSun", alternative: "宋体", panose: "02010600030101010101", charset: "86", family: "auto",
            pitch: "variable"),
        FontEntry(
            name: "SimHei", alternative: "黑体", panose: "02010609060101010101", charset: "86", family: "modern",
            pitch: "fixed"),
        FontEntry(
            name: "Times New Roman", panose: "02020603050405020304", charset: "00", family: "roman", pitch: "variable"),
        FontEntry(name: "Noto Serif CJK SC", charset: "86", family: "roman", pitch: "variable"),
        FontEntry(name: "Noto Sans CJK SC", charset: "86", family: "swiss", pitch: "variable"),
        FontEntry(
            name: "Segoe UI Symbol", panose: "020B0502040204020203", charset: "00", family: "swiss", pitch: "variable"),
    ]

    /// `word/fontTable.xml`.
    static let fontTable: String = {
        var xml = XlsxPart.declaration
        xml += "<w:fonts xmlns:w=\"\(mainNamespace)\">"
        for font in fonts {
            xml += "<w:font w:name=\"\(XMLText.escaped(font.name))\">"
            if let alternative = font.alternative { xml += "<w:altName w:val=\"\(XMLText.escaped(alternative))\"/>" }
            if let panose = font.panose { xml += "<w:panose1 w:val=\"\(panose)\"/>" }
            xml += "<w:charset w:val=\"\(font.charset)\"/><w:family w:val=\"\(font.family)\"/>"
            xml += "<w:pitch w:val=\"\(font.pitch)\"/></w:font>"
        }
        xml += "</w:fonts>"
        return xml
    }()
}

extension DocxPart {
    /// A one-section document of the province (notices, lists, the project's letter and
    /// agreement): `body` with the forms' styles, fonts and settings, titled `title`.
    static func package(body: String, title: String) throws -> Data {
        let parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("docProps/app.xml", XlsxPart.extendedProperties(application: "Shenbao")),
            ("docProps/core.xml", XlsxPart.coreProperties(title: title, creator: "湖南省科学技术协会")),
            ("word/document.xml", document(body: body)),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", styles),
            ("word/settings.xml", settings),
            ("word/fontTable.xml", fontTable),
        ]
        return try ZipPackage.data(parts.map { ($0.path, Data($0.xml.utf8)) })
    }
}
