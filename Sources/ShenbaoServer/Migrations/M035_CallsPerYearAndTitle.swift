import Fluent
import SQLKit

/// Several calls in one year (this programme and another of the association, issue 29): a call
/// is unique by its year and title instead of its year alone.
///
/// PostgreSQL swaps the constraint. SQLite cannot drop a table constraint: the table is rebuilt
/// as its documentation's "other kinds of table schema changes" says, on one connection with
/// foreign keys off, so dropping the old table neither fails on the applications that refer to
/// it nor cascades into the application-number counters (M027's `onDelete: .cascade`).
struct M035_CallsPerYearAndTitle: AsyncMigration {
    var name: String { "M035_CallsPerYearAndTitle" }

    static let yearOnly = #"CONSTRAINT "uq_calls_year" UNIQUE ("year")"#
    static let yearAndTitle = #"CONSTRAINT "uq_calls_year_title" UNIQUE ("year", "title")"#

    func prepare(on database: any Database) async throws {
        try await swap(from: Self.yearOnly, to: Self.yearAndTitle, on: database)
    }

    func revert(on database: any Database) async throws {
        try await swap(from: Self.yearAndTitle, to: Self.yearOnly, on: database)
    }

    private func swap(from old: String, to new: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            let oldName = old.split(separator: "\"")[1]
            try await sql.raw("ALTER TABLE calls DROP CONSTRAINT \(unsafeRaw: String(oldName))").run()
            try await sql.raw("ALTER TABLE calls ADD \(unsafeRaw: new)").run()
            return
        }
        try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { throw InternalInvariant("calls: no SQL connection") }
            let rows = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'calls'")
                .all()
            guard let create = try rows.first?.decode(column: "sql", as: String.self), create.contains(old) else {
                throw InternalInvariant("calls: the table is not as M006 created it")
            }
            let rebuilt = create.replacingOccurrences(of: old, with: new)
                .replacingOccurrences(of: #"CREATE TABLE "calls""#, with: #"CREATE TABLE "calls_rebuilt""#)
            guard rebuilt.contains("calls_rebuilt") else { throw InternalInvariant("calls: unexpected CREATE TABLE") }
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await sql.raw("BEGIN").run()
                try await sql.raw("\(unsafeRaw: rebuilt)").run()
                try await sql.raw("INSERT INTO calls_rebuilt SELECT * FROM calls").run()
                try await sql.raw("DROP TABLE calls").run()
                try await sql.raw("ALTER TABLE calls_rebuilt RENAME TO calls").run()
                let broken = try await sql.raw("PRAGMA foreign_key_check").all()
                guard broken.isEmpty else { throw InternalInvariant("calls: \(broken.count) references broken") }
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}
