import Foundation

/// Where a workbook keeps the parts a table is read from: its first worksheet and its shared strings.
///
/// The sheets in tab order are in `xl/workbook.xml`, each naming a relationship in
/// `xl/_rels/workbook.xml.rels` whose target is its part. The first visible worksheet is taken (a
/// chart sheet has no cells; a hidden sheet is not what the clerk sees first), or the first
/// worksheet when all are hidden. A workbook without these parts, or whose parts name no
/// worksheet, is read from `xl/worksheets/sheet1.xml`, where every writer puts the first sheet.
struct XlsxWorkbookIndex {
    var worksheetPath = "xl/worksheets/sheet1.xml"
    var sharedStringsPath = "xl/sharedStrings.xml"

    init(_ archive: inout BoundedArchive) throws(TableReadError) {
        guard let workbook = try archive.part("xl/workbook.xml"),
            let relationships = try archive.part("xl/_rels/workbook.xml.rels")
        else { return }
        let sheets = try WorkbookSheetsReader.read(workbook)
        let targets = try RelationshipsReader.read(relationships)
        let worksheets = sheets.compactMap { sheet -> (path: String, hidden: Bool)? in
            guard let target = targets[sheet.relationship], target.type.hasSuffix("/worksheet") else { return nil }
            return (Self.path(of: target.target), sheet.hidden)
        }
        if let first = worksheets.first(where: { !$0.hidden }) ?? worksheets.first {
            worksheetPath = first.path
        }
        if let strings = targets.values.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            sharedStringsPath = Self.path(of: strings.target)
        }
    }

    /// The archive path of a relationship target of `xl/workbook.xml`: relative to `xl/`, or
    /// absolute from the package root when it starts with `/`.
    static func path(of target: String) -> String {
        var segments: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}

/// The sheets of `xl/workbook.xml` in tab order: their relationship and whether they are hidden.
private final class WorkbookSheetsReader: XMLPartHandler {
    private(set) var sheets: [(relationship: String, hidden: Bool)] = []

    static func read(_ data: Data) throws(TableReadError) -> [(relationship: String, hidden: Bool)] {
        let reader = WorkbookSheetsReader()
        try XMLPart.parse(data, with: reader)
        return reader.sheets
    }

    func start(_ name: Substring, attributes: [Substring: String]) {
        guard name == "sheet", let id = attributes["id"] else { return }
        let state = attributes["state"]
        sheets.append((id, state == "hidden" || state == "veryHidden"))
    }

    func end(_ name: Substring) {}
    func text(_ text: String) {}
}

/// The relationships of a `.rels` part by id: their type and target. External targets are left out.
private final class RelationshipsReader: XMLPartHandler {
    private(set) var targets: [String: (type: String, target: String)] = [:]

    static func read(_ data: Data) throws(TableReadError) -> [String: (type: String, target: String)] {
        let reader = RelationshipsReader()
        try XMLPart.parse(data, with: reader)
        return reader.targets
    }

    func start(_ name: Substring, attributes: [Substring: String]) {
        guard name == "Relationship", let id = attributes["Id"],
            let type = attributes["Type"], let target = attributes["Target"], attributes["TargetMode"] != "External"
        else { return }
        targets[id] = (type, target)
    }

    func end(_ name: Substring) {}
    func text(_ text: String) {}
}
