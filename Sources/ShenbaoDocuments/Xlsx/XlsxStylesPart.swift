/// `xl/styles.xml`: the fonts, fills, borders and cell formats behind `XlsxStyle`.
///
/// 宋体 is the typeface of Chinese official forms and what Excel and WPS on a Chinese system
/// default to; charset 134 (GB 2312) tells Excel it is a Chinese font. Elsewhere (LibreOffice on
/// a server) font substitution picks the installed CJK font, Noto Sans/Serif CJK.
enum XlsxStylesPart {
    static let fontName = "宋体"

    static let xml: String = {
        var xml = XlsxPart.declaration
        xml += "<styleSheet xmlns=\"\(XlsxPart.mainNamespace)\">"
        // Fonts: 0 regular 11 pt, 1 bold 16 pt (title), 2 bold 11 pt (header).
        xml += "<fonts count=\"3\">"
        xml += font(size: XlsxStyle.normal.fontSize, bold: false)
        xml += font(size: XlsxStyle.title.fontSize, bold: true)
        xml += font(size: XlsxStyle.header.fontSize, bold: true)
        xml += "</fonts>"
        // Fills 0 and 1 are reserved by the format (none, gray125); 2 is the header's light grey.
        xml += "<fills count=\"3\">"
        xml += "<fill><patternFill patternType=\"none\"/></fill>"
        xml += "<fill><patternFill patternType=\"gray125\"/></fill>"
        xml += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/>"
        xml += "</patternFill></fill>"
        xml += "</fills>"
        // Borders: 0 none, 1 thin on every side.
        xml += "<borders count=\"2\">"
        xml += "<border><left/><right/><top/><bottom/><diagonal/></border>"
        let thin = "style=\"thin\"><color indexed=\"64\"/>"
        xml += "<border><left \(thin)</left><right \(thin)</right><top \(thin)</top><bottom \(thin)</bottom>"
        xml += "<diagonal/></border>"
        xml += "</borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(XlsxStyle.allCases.count)\">"
        for style in XlsxStyle.allCases {
            xml += cellFormat(style)
        }
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        xml += "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
        xml += "</styleSheet>"
        return xml
    }()

    private static func font(size: Double, bold: Bool) -> String {
        let weight = bold ? "<b/>" : ""
        return
            "<font>\(weight)<sz val=\"\(WorksheetPart.number(size))\"/><name val=\"\(fontName)\"/><family val=\"3\"/>"
            + "<charset val=\"134\"/></font>"
    }

    /// The `xf` of one style, in the order of `XlsxStyle.allCases`.
    private static func cellFormat(_ style: XlsxStyle) -> String {
        let (font, fill, border, alignment): (Int, Int, Int, String) =
            switch style {
            case .normal: (0, 0, 0, "<alignment vertical=\"center\"/>")
            case .title: (1, 0, 0, "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>")
            case .header: (2, 2, 1, "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>")
            case .body: (0, 0, 1, "<alignment horizontal=\"left\" vertical=\"top\" wrapText=\"1\"/>")
            case .bodyCenter: (0, 0, 1, "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>")
            }
        var xml = "<xf numFmtId=\"0\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
        if font != 0 { xml += " applyFont=\"1\"" }
        if fill != 0 { xml += " applyFill=\"1\"" }
        if border != 0 { xml += " applyBorder=\"1\"" }
        xml += " applyAlignment=\"1\">\(alignment)</xf>"
        return xml
    }
}
