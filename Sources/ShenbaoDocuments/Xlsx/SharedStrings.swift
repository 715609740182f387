import Foundation

/// The workbook's shared string table (`xl/sharedStrings.xml`): each distinct text stored once.
///
/// Excel itself writes text this way, and some readers handle inline strings poorly; a summary
/// table repeats 企业, 事业单位 and the like on every row, so sharing also keeps the file small.
struct SharedStrings {
    private(set) var texts: [String] = []
    private var indexes: [UTF8Key: Int] = [:]
    /// Cells that refer to the table, counted again for each repeat (the part's `count`).
    private(set) var references = 0

    /// The index of `text` in the table, adding it on first use.
    /// The text is stored cleaned (see `XMLText`), so what is shared is what a reader will see.
    mutating func index(of text: String) -> Int {
        let text = XMLText.cleaned(text)
        references += 1
        let key = UTF8Key(text: text)
        if let index = indexes[key] { return index }
        let index = texts.count
        texts.append(text)
        indexes[key] = index
        return index
    }

    /// A text compared by its UTF-8 bytes. `String`'s own hashing normalises Unicode first, which
    /// for long Chinese texts costs more than writing them; byte equality can at worst store two
    /// spellings of one text twice, which is harmless.
    private struct UTF8Key: Hashable {
        var text: String

        /// Length and the first and last 64 bytes: long texts that differ mostly differ there, and
        /// equality settles the rest.
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { bytes in
                hasher.combine(bytes.count)
                let raw = UnsafeRawBufferPointer(bytes)
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.prefix(64)))
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.suffix(64)))
            }
        }

        static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
            var left = lhs.text
            var right = rhs.text
            return left.withUTF8 { a in
                right.withUTF8 { b in
                    guard a.count == b.count else { return false }
                    // Only an empty buffer may have no address.
                    guard let left = a.baseAddress, let right = b.baseAddress else { return a.isEmpty }
                    return memcmp(left, right, a.count) == 0
                }
            }
        }
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
