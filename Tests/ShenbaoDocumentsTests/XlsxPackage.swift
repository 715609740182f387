import Foundation
import ZIPFoundation

/// An .xlsx file opened the way a spreadsheet program opens it: unzipped, parts parsed, cells read.
struct XlsxPackage {
    /// Every part, by its path in the archive.
    let parts: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        self.parts = parts
    }

    func xml(_ path: String) throws -> XMLTree {
        guard let data = parts[path] else { throw XMLTreeError(description: "no part \(path)") }
        return try XMLTree.parse(data)
    }

    func text(_ path: String) -> String {
        parts[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The shared strings as a reader shows them, Excel's `_xHHHH_` escapes decoded.
    func sharedStrings() throws -> [String] {
        try xml("xl/sharedStrings.xml").descendants("si").map { Self.decodingEscapes($0.allText) }
    }

    /// The cells of sheet `number` (1-based) by reference (`B4`): shared strings resolved,
    /// numbers as written.
    func cells(sheet number: Int) throws -> [String: String] {
        let strings = try sharedStrings()
        var cells: [String: String] = [:]
        for cell in try xml("xl/worksheets/sheet\(number).xml").descendants("c") {
            guard let reference = cell.attributes["r"], let value = cell.first("v")?.text else { continue }
            if cell.attributes["t"] == "s" {
                cells[reference] = Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil }
            } else {
                cells[reference] = value
            }
        }
        return cells
    }

    /// `_xHHHH_` as the character U+HHHH, as Excel reads a shared string.
    static func decodingEscapes(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let value = UInt32(hex, radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        return result + rest
    }
}
