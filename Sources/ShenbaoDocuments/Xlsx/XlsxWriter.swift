import Foundation

/// An Excel workbook (.xlsx, Office Open XML) built in memory from sheets of cells.
///
/// Only what the official forms need — text, numbers, a few fixed styles, merges, column widths,
/// A4 print setup — written directly as XML parts into a ZIP archive, so the tables open the same
/// in Excel, WPS and LibreOffice without any office program on the server.
public struct XlsxWorkbook: Hashable, Sendable {
    public private(set) var sheets: [XlsxSheet] = []
    /// The document title a file browser shows (`docProps/core.xml`).
    public var title: String?

    public init() {}

    /// Appends a sheet as the next tab; its name is made valid and unique when written.
    public mutating func addSheet(_ sheet: XlsxSheet) {
        sheets.append(sheet)
    }

    /// The .xlsx file. The same workbook always gives the same bytes (no clock enters the file),
    /// so a download can be compared and cached.
    public func data() throws -> Data {
        guard !sheets.isEmpty else { throw XlsxError.noSheets }
        let names = XlsxSheetName.unique(sheets.map(\.name))
        var strings = SharedStrings()
        var worksheets: [String] = []
        for (sheet, name) in zip(sheets, names) {
            worksheets.append(try WorksheetPart(sheet: sheet, name: name).xml(strings: &strings))
        }

        // Content types first: some readers look for it at the start of the archive.
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", XlsxPart.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XlsxPart.packageRelationships),
            ("docProps/app.xml", XlsxPart.extendedProperties(application: "Shenbao")),
            ("docProps/core.xml", XlsxPart.coreProperties(title: title, creator: "Shenbao")),
            (
                "xl/workbook.xml",
                XlsxPart.workbook(sheetNames: names, repeatedRows: sheets.map { $0.printSetup?.repeatedRows })
            ),
            ("xl/_rels/workbook.xml.rels", XlsxPart.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", XlsxStylesPart.xml),
            ("xl/sharedStrings.xml", strings.xml),
        ]
        for (index, xml) in worksheets.enumerated() {
            parts.append((XlsxPart.worksheetPath(index + 1), xml))
        }
        return try ZipPackage.data(parts.map { ($0.path, Data($0.xml.utf8)) })
    }
}
