import Foundation

/// The texts of a workbook's shared string table (`xl/sharedStrings.xml`), in index order.
///
/// An item is plain (`<si><t>…</t></si>`) or rich text, whose runs (`<r><t>…</t></r>`) join into
/// one text; phonetic guides (`<rPh>`, furigana over Japanese) are not shown by Excel and are left out.
final class SharedStringsReader: XMLPartHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    static func read(_ data: Data) throws(TableReadError) -> [String] {
        let reader = SharedStringsReader()
        try XMLPart.parse(data, with: reader)
        return reader.strings
    }

    func start(_ name: Substring, attributes: [Substring: String]) {
        switch name {
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t" where inItem && phoneticDepth == 0:
            inText = true
        default:
            break
        }
    }

    func end(_ name: Substring) {
        switch name {
        case "si":
            strings.append(ExcelEscapes.decoded(current))
            inItem = false
        case "rPh":
            phoneticDepth -= 1
        case "t":
            inText = false
        default:
            break
        }
    }

    func text(_ text: String) {
        if inText { current += text }
    }
}
