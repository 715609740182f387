import Foundation
import ShenbaoCore
import ShenbaoDocuments

/// A column of a list a clerk uploads, known by the headers clerks write (a few spellings each;
/// the first is the one the template shows).
protocol ImportColumn: CaseIterable, Hashable {
    var headers: [String] { get }
}

/// An uploaded list (.xlsx, or .csv in UTF-8 or GBK): its header row found by name, its non-empty
/// rows numbered as the spreadsheet numbers them. Every importer reads its file through here, so
/// an unreadable file, a missing column or an empty list is refused in the same words.
struct ImportTable<Column: ImportColumn> {
    /// The rows under the header that are not wholly empty, with their line in the sheet.
    let rows: [(line: Int, cells: [String])]
    private let index: [Column: Int]

    /// - Parameters:
    ///   - optional: columns a list may leave out.
    ///   - template: the header row, for the message when a column is missing.
    ///   - nothing: what is missing when no row follows the header (推荐单位, 专家信息).
    init(data: Data, fileName: String, optional: Set<Column>, template: String, nothing: String) throws {
        let table: [[String]]
        do {
            table = try TableReader.rows(data: data, fileName: fileName)
        } catch {
            throw AppError.validation([Problem(field: "file", code: .unreadable, message: error.message)])
        }
        guard let header = table.first else {
            throw AppError.validation([Problem(field: "file", code: .empty, message: "文件中没有内容")])
        }
        var index: [Column: Int] = [:]
        for column in Column.allCases {
            index[column] = header.firstIndex { cell in
                column.headers.contains { $0.lowercased() == cell.trimmingCharacters(in: .whitespaces).lowercased() }
            }
        }
        let missing = Column.allCases.filter { !optional.contains($0) && index[$0] == nil }
        guard missing.isEmpty else {
            throw AppError.validation([
                Problem(
                    field: "file", code: .missingColumns,
                    message: "第1行应为表头，缺少列：\(missing.map { $0.headers[0] }.joined(separator: "、"))。表头应为：\(template)")
            ])
        }
        rows = table.dropFirst().enumerated().filter { !$0.element.allSatisfy(\.isEmpty) }
            .map { (line: $0.offset + 2, cells: $0.element) }
        guard !rows.isEmpty else {
            throw AppError.validation([Problem(field: "file", code: .empty, message: "表头下没有\(nothing)")])
        }
        self.index = index
    }

    /// A row's cell of `column`, trimmed; nil when the column is absent or the cell empty.
    func cell(_ column: Column, of cells: [String]) -> String? {
        guard let i = index[column], i < cells.count else { return nil }
        let value = cells[i].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}
