/// The fixed parts of a SpreadsheetML package and the names they are stored under.
///
/// These are what Excel needs besides the sheets and the strings: the content types, the
/// relationships that lead from the package to the workbook and from it to each part, and the
/// document properties. Written as text because they are small and never change shape.
enum XlsxPart {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeDocumentType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let worksheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    static let stylesType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
    static let sharedStringsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    static let corePropertiesType =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    static let extendedPropertiesType =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    static let contentTypePrefix = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    static func worksheetPath(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }

    /// `[Content_Types].xml`: the media type of every part, so a reader knows what each one is.
    static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += override("/xl/workbook.xml", "\(contentTypePrefix).sheet.main+xml")
        for number in stride(from: 1, through: sheetCount, by: 1) {
            xml += override("/\(worksheetPath(number))", "\(contentTypePrefix).worksheet+xml")
        }
        xml += override("/xl/styles.xml", "\(contentTypePrefix).styles+xml")
        xml += override("/xl/sharedStrings.xml", "\(contentTypePrefix).sharedStrings+xml")
        xml += override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        xml += override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        xml += "</Types>"
        return xml
    }

    private static func override(_ partName: String, _ contentType: String) -> String {
        "<Override PartName=\"\(partName)\" ContentType=\"\(contentType)\"/>"
    }

    /// `_rels/.rels`: where the workbook and the document properties are.
    static let packageRelationships: String = {
        var xml = declaration
        xml += "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
        xml += relationship("rId1", officeDocumentType, "xl/workbook.xml")
        xml += relationship("rId2", corePropertiesType, "docProps/core.xml")
        xml += relationship("rId3", extendedPropertiesType, "docProps/app.xml")
        xml += "</Relationships>"
        return xml
    }()

    /// `xl/_rels/workbook.xml.rels`: sheets are `rId1`…`rIdN`, then the styles and the strings.
    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
        for number in stride(from: 1, through: sheetCount, by: 1) {
            xml += relationship("rId\(number)", worksheetType, "worksheets/sheet\(number).xml")
        }
        xml += relationship("rId\(sheetCount + 1)", stylesType, "styles.xml")
        xml += relationship("rId\(sheetCount + 2)", sharedStringsType, "sharedStrings.xml")
        xml += "</Relationships>"
        return xml
    }

    private static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
    }

    /// `docProps/core.xml`: the title and author a file browser shows. No dates, so the same
    /// table written twice is the same file.
    static func coreProperties(title: String?, creator: String) -> String {
        var xml = declaration
        xml += "<cp:coreProperties"
        xml += " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        xml += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        xml += " xmlns:dcterms=\"http://purl.org/dc/terms/\""
        xml += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        if let title {
            xml += "<dc:title>\(XMLText.escaped(title))</dc:title>"
        }
        xml += "<dc:creator>\(XMLText.escaped(creator))</dc:creator>"
        xml += "</cp:coreProperties>"
        return xml
    }

    /// `docProps/app.xml`: the program that wrote the file.
    static func extendedProperties(application: String) -> String {
        var xml = declaration
        xml += "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        xml += "<Application>\(XMLText.escaped(application))</Application>"
        xml += "</Properties>"
        return xml
    }

    /// `xl/workbook.xml`: the sheets in tab order and, per printed sheet, its repeated rows.
    static func workbook(sheetNames: [String], repeatedRows: [ClosedRange<Int>?]) -> String {
        var xml = declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        // Excel's print titles are a defined name local to the sheet, not a part of the sheet.
        let titles = zip(sheetNames.indices, repeatedRows).compactMap { index, rows in
            rows.map { (index, $0) }
        }
        if !titles.isEmpty {
            xml += "<definedNames>"
            for (index, rows) in titles {
                let reference = "\(XlsxSheetName.quoted(sheetNames[index]))!$\(rows.lowerBound):$\(rows.upperBound)"
                xml += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
                xml += "\(XMLText.escaped(reference))</definedName>"
            }
            xml += "</definedNames>"
        }
        xml += "</workbook>"
        return xml
    }
}
