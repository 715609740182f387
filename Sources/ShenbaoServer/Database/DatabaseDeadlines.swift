import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// How long PostgreSQL work may take before it is given up: its connection is closed, so that the
/// pool opens a new one instead of lending it again, and the work fails with `DatabaseUnavailable`
/// (503). postgres-nio 1.33 can leave a statement unanswered for good when PostgreSQL restarts
/// (ROLLBACK on a dead connection never completes); a deadline is the one bound that is ours.
struct DatabaseDeadlines: Sendable, Equatable {
    /// One round trip: a statement and all its rows.
    var statement: TimeAmount
    /// A whole transaction, BEGIN to COMMIT or ROLLBACK, every statement in it included.
    var transaction: TimeAmount

    /// Migrations, commands (`export`, `audit verify`…) and background exports: long work on
    /// purpose, cut short only when it has plainly hung.
    static let unhurried = DatabaseDeadlines(statement: .minutes(30), transaction: .hours(2))
}

extension DatabaseDeadlines {
    /// What a request may take (`SHENBAO_DATABASE_STATEMENT_SECONDS`,
    /// `SHENBAO_DATABASE_TRANSACTION_SECONDS`).
    init(serving config: Config) {
        self.init(
            statement: .seconds(Int64(config.databaseStatementSeconds)),
            transaction: .seconds(Int64(config.databaseTransactionSeconds)))
    }
}

/// The deadlines in force for an application's database: `unhurried` while `serve` migrates and
/// for every other command; a request's once `serve` starts answering (Entrypoint).
final class DatabaseDeadlineSetting: Sendable {
    private let value = NIOLockedValueBox(DatabaseDeadlines.unhurried)

    var current: DatabaseDeadlines {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}

extension Application {
    private struct DatabaseDeadlinesKey: StorageKey { typealias Value = DatabaseDeadlineSetting }

    /// The deadlines of this application's PostgreSQL work (SQLite's has none: its work never
    /// waits on a network peer that can vanish).
    var databaseDeadlines: DatabaseDeadlineSetting {
        if let setting = storage[DatabaseDeadlinesKey.self] { return setting }
        let setting = DatabaseDeadlineSetting()
        storage[DatabaseDeadlinesKey.self] = setting
        return setting
    }
}
