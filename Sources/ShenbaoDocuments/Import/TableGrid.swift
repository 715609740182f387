/// The cells of a table as they are read, in any order, with the reader's size limits kept.
///
/// Only cells holding text are stored, so a sheet formatted down to row 1,048,576 or a CSV line
/// ending in a hundred commas costs nothing and breaks no limit.
struct TableGrid {
    private var cells: [[String]] = []

    /// Stores `text`, trimmed, at `row` and `column` (both 0-based); an empty text stores nothing.
    mutating func set(_ text: String, row: Int, column: Int) throws(TableReadError) {
        let text = TableText.trimmed(text)
        guard !text.isEmpty else { return }
        guard row < TableReader.maximumRows else { throw .tooManyRows }
        guard column < TableReader.maximumColumns else { throw .tooManyColumns }
        if cells.count <= row {
            cells.append(contentsOf: repeatElement([], count: row + 1 - cells.count))
        }
        if cells[row].count <= column {
            cells[row].append(contentsOf: repeatElement("", count: column + 1 - cells[row].count))
        }
        cells[row][column] = text
    }

    /// Every row up to the last holding text, each padded with `""` to the widest row.
    var rows: [[String]] {
        let width = cells.map(\.count).max() ?? 0
        return cells.map { $0.count == width ? $0 : $0 + repeatElement("", count: width - $0.count) }
    }
}
