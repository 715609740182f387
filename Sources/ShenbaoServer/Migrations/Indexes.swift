import Fluent
import SQLKit

extension Database {
    /// Creates a plain index; Fluent's schema builder has none, both our databases speak SQL.
    func index(_ name: String, on table: String, _ columns: String...) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
