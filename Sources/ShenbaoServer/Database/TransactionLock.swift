import Fluent
import SQLKit

/// Serialises the transactions that check a count and then write what the count allows (the
/// drafts of one organisation), so a burst of parallel requests cannot all pass the same count.
enum TransactionLock {
    /// Inside a transaction: waits until no other transaction holds `key`, until this one ends.
    /// On SQLite every transaction already runs alone on the one writer (SQLiteWriter); on
    /// PostgreSQL a transaction-scoped advisory lock does it, on every instance.
    static func hold(_ key: String, on db: any Database) async throws {
        let sql = try StaticSelect.sql(db)
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: key)))").run()
    }
}
