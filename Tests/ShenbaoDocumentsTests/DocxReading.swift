import Foundation

/// A .docx opened the way a word processor reads it: unzipped, `word/document.xml` parsed, each
/// paragraph's text read with its line breaks (`w:br` as `\n`) and tabs.
struct DocxReading {
    let package: XlsxPackage
    let document: XMLTree

    init(_ data: Data) throws {
        package = try XlsxPackage(data)
        document = try package.xml("word/document.xml")
    }

    /// Every paragraph's text, in document order (cells' paragraphs included).
    var paragraphs: [String] {
        document.descendants("w:p").map { Self.text(of: $0) }
    }

    /// All the text, paragraphs joined by newlines.
    var text: String { paragraphs.joined(separator: "\n") }

    /// Each table's rows, each row's cells' text (a cell's paragraphs joined by newlines).
    var tables: [[[String]]] {
        document.descendants("w:tbl").map { table in
            table.children.filter { $0.name == "w:tr" }.map { row in
                row.children.filter { $0.name == "w:tc" }.map { cell in
                    cell.children.filter { $0.name == "w:p" }.map { Self.text(of: $0) }.joined(separator: "\n")
                }
            }
        }
    }

    /// The table whose rows include one starting with `label`.
    func table(containing label: String) -> [[String]]? {
        tables.first { $0.contains { $0.first == label } }
    }

    /// A paragraph's runs read in order: text, `w:br` as a line break, `w:tab` as a tab.
    static func text(of paragraph: XMLTree) -> String {
        paragraph.children.filter { $0.name == "w:r" }.map { run in
            run.children.map { element in
                switch element.name {
                case "w:t": element.text
                case "w:br": "\n"
                case "w:tab": "\t"
                default: ""
                }
            }.joined()
        }.joined()
    }
}
