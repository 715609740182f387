/// The workbook's shared string table (`xl/sharedStrings.xml`): each distinct text stored once.
///
/// Excel itself writes text this way, and some readers handle inline strings poorly; a summary
/// table repeats 企业, 事业单位 and the like on every row, so sharing also keeps the file small.
struct SharedStrings {
    private(set) var texts: [String] = []
    private var indexes: [String: Int] = [:]
    /// Cells that refer to the table, counted again for each repeat (the part's `count`).
    private(set) var references = 0

    /// The index of `text` in the table, adding it on first use.
    /// The text is stored cleaned (see `XMLText`), so what is shared is what a reader will see.
    mutating func index(of text: String) -> Int {
        let text = XMLText.cleaned(text)
        references += 1
        if let index = indexes[text] { return index }
        let index = texts.count
        texts.append(text)
        indexes[text] = index
        return index
    }

    /// The part's XML.
    var xml: String {
        var xml = XlsxPart.declaration
        xml += "<sst xmlns=\"\(XlsxPart.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">"
        for text in texts {
            xml += "<si><t xml:space=\"preserve\">\(XMLText.escaped(Self.protectingEscapes(text)))</t></si>"
        }
        xml += "</sst>"
        return xml
    }

    /// Excel reads `_xHHHH_` in a string as the character U+HHHH, so a text that contains such a
    /// sequence literally has its underscore written as `_x005F_` to come back unchanged.
    static func protectingEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (offset, scalar) in scalars.enumerated() {
            if scalar == "_", startsEscape(scalars, at: offset) {
                result.append(contentsOf: "_x005F".unicodeScalars)
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// Whether `_xHHHH_` (four hexadecimal digits) starts at `offset`.
    private static func startsEscape(_ scalars: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset + 6 < scalars.count, scalars[offset + 1] == "x", scalars[offset + 6] == "_" else { return false }
        return scalars[(offset + 2)..<(offset + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
