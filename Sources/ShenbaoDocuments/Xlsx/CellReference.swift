/// A1-style references, the only way a worksheet part names its cells and ranges.
public enum CellReference {
    /// Excel's limits: a sheet beyond them is refused, not cut.
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    /// `A`, `B`, … `Z`, `AA`, … for a 1-based column number (bijective base 26: there is no zero).
    public static func columnName(_ column: Int) -> String {
        var remaining = column
        var letters: [Character] = []
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            remaining = (remaining - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `B3` for row 3, column 2 (both 1-based).
    static func name(row: Int, column: Int) -> String {
        "\(columnName(column))\(row)"
    }

    /// Row and column (1-based) of a reference such as `AB12`; nil unless it is exactly one.
    static func parse(_ reference: String) -> (row: Int, column: Int)? {
        let letters = reference.prefix { $0 >= "A" && $0 <= "Z" }
        let digits = reference.dropFirst(letters.count)
        guard (1...3).contains(letters.count), !digits.isEmpty, digits.first != "0",
            digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), digits.count <= 7,
            let row = Int(digits)
        else { return nil }
        var column = 0
        for letter in letters.unicodeScalars {
            column = column * 26 + Int(letter.value) - 64
        }
        guard row <= maximumRow, column <= maximumColumn else { return nil }
        return (row, column)
    }

    /// The rows and columns a range such as `A1:F1` covers; nil unless its corners are in order.
    static func parseRange(_ range: String) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
        let corners = range.split(separator: ":", omittingEmptySubsequences: false)
        guard corners.count == 2, let start = parse(String(corners[0])), let end = parse(String(corners[1])),
            start.row <= end.row, start.column <= end.column
        else { return nil }
        return (start.row...end.row, start.column...end.column)
    }
}
