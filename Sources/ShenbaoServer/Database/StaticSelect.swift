import FluentKit
import Foundation
import SQLKit

/// The select lists of the hottest reads, written once.
///
/// Fluent writes every column name of every query anew, quoting and escaping each one: on a
/// draft save, whose reads list some eighty columns, that was an eighth of the server's work in
/// the profile. The few reads every request makes (the signed-in user, the application and its
/// organisation, its attachments) write their SQL once and send it as text with the values
/// bound; the columns are named as Fluent names them (`table_column`), so models decode from the
/// rows as from Fluent's own queries, joined models included.
enum StaticSelect {
    /// `"table"."column" AS "table_column", …` for every field of `model`; kept in a `static let`
    /// by each query.
    static func columns<M: Model>(of model: M.Type) -> String {
        M.keys.map { column(M.schema, $0.description) }.joined(separator: ", ")
    }

    /// One column, named as Fluent names it; model and column names are ours, never a user's.
    static func column(_ table: String, _ name: String) -> String {
        #""\#(table)"."\#(name)" AS "\#(table)_\#(name)""#
    }

    /// Both databases Shenbao runs on are SQL databases.
    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw AppError.conflict("数据库不支持该操作") }
        return sql
    }

    /// The model of `M`'s table in `row`.
    static func decode<M: Model>(_ model: M.Type, from row: any SQLRow) throws -> M {
        let decoded = M()
        try decoded.output(from: RowOutput(row: row, prefix: nil).schema(M.schema))
        return decoded
    }
}

/// A row as Fluent's drivers present one: `schema(_:)` selects the columns named `schema_…`.
private struct RowOutput: DatabaseOutput {
    let row: any SQLRow
    let prefix: String?

    var description: String { String(describing: row) }

    func schema(_ schema: String) -> any DatabaseOutput { RowOutput(row: row, prefix: schema + "_") }

    private func column(_ key: FieldKey) -> String { (prefix ?? "") + key.description }

    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: column(key), as: T.self)
    }
}

extension SQLRow {
    /// A column that may be NULL (a LEFT JOIN's, a subquery's that found nothing): nil then.
    func decodeIfPresent<D: Decodable>(column: String, as type: D.Type) throws -> D? {
        try decodeNil(column: column) ? nil : decode(column: column, as: type)
    }
}
