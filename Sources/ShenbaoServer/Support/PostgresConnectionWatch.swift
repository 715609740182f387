import FluentKit
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import SQLKit

/// PostgreSQL work that is answered even when its connection dies under it.
///
/// postgres-nio 1.33 sometimes loses a statement in flight, or written just as its connection
/// closes: its answer never comes. When PostgreSQL restarted under load, such a request hung for
/// good and kept its pooled connection; a few restarts emptied an instance's pool
/// (Tests/system/crash.py). Here every statement and transaction runs on a connection we watch:
/// when that connection closes, whatever is still waiting on it fails a second later (503: the
/// database is unavailable) and its connection goes back to the pool, which drops it. Inside a
/// transaction each statement first checks that the connection is still open, and ROLLBACK is
/// sent only to a live connection (a closed one has rolled back already, on the server's side).
extension DatabaseConfigurationFactory {
    /// `factory`, its statements and transactions on watched connections, counted in `load`.
    static func watchingConnections(_ factory: DatabaseConfigurationFactory, load: DatabaseLoad)
        -> DatabaseConfigurationFactory
    {
        .init { WrappedDatabaseConfiguration(inner: factory.make()) { PooledDatabase(inner: $0, load: load) } }
    }
}

/// The database is gone (restarting, unreachable); the error middleware answers 503.
struct DatabaseUnavailable: Error {}

/// A request's database: everything goes to the pool as before, but transactions.
private struct PooledDatabase: Database, SQLDatabase {
    let inner: any Database
    let load: DatabaseLoad

    private var sql: any SQLDatabase {
        // Fluent's PostgreSQL database is always an SQLDatabase.
        inner as! any SQLDatabase  // swiftlint:disable:this force_cast
    }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    { watched { db, _, _ in db.execute(query: query, onOutput: onOutput) } }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        load.lease(inner, closure)
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        watched { db, single, connection in
            let transaction = TransactionDatabase(inner: db, sql: single, connection: connection)
            return transaction.run("BEGIN").flatMap {
                closure(transaction).map(UncheckedBox.init)
                    .flatMap { result in transaction.run("COMMIT").map { result } }
                    .flatMapError { error in
                        guard !connection.isClosed else { return db.eventLoop.makeFailedFuture(error) }
                        return transaction.run("ROLLBACK").flatMapThrowing { () throws -> UncheckedBox<T> in
                            throw error
                        }
                    }
            }.map(\.value)
        }
    }

    /// `work` on one pooled connection, answered at the latest a second after that connection
    /// closes.
    private func watched<T>(
        _ work: @escaping @Sendable (any Database, any SQLDatabase, PostgresConnection) -> EventLoopFuture<T>
    ) -> EventLoopFuture<T> {
        load.lease(inner) { db in
            guard let postgres = db as? any PostgresDatabase, let single = db as? any SQLDatabase else {
                return db.eventLoop.makeFailedFuture(DatabaseUnavailable())
            }
            return postgres.withConnection { db.eventLoop.makeSucceededFuture($0) }.flatMap { connection in
                let answer = db.eventLoop.makePromise(of: UncheckedBox<T>.self)
                let ticket = ClosingConnections.shared.wait(on: connection) {
                    answer.fail(DatabaseUnavailable())
                }
                work(db, single, connection).map(UncheckedBox.init).whenComplete { result in
                    ClosingConnections.shared.done(ticket, on: connection)
                    answer.completeWith(result)
                }
                return answer.futureResult.map(\.value)
            }
        }
    }

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    { watched { _, single, _ in single.execute(sql: query, onRow) } }
}

/// What waits on each open connection, and one watch on each connection's close.
private final class ClosingConnections: @unchecked Sendable {
    static let shared = ClosingConnections()
    /// How long work may still answer after its connection closed before it is given up.
    static let grace: TimeAmount = .seconds(1)

    private let lock = NIOLock()
    private var waiting: [ObjectIdentifier: [Int: @Sendable () -> Void]] = [:]
    private var nextTicket = 0

    func wait(on connection: PostgresConnection, giveUp: @escaping @Sendable () -> Void) -> Int {
        let key = ObjectIdentifier(connection)
        let (ticket, firstSight) = lock.withLock {
            nextTicket += 1
            let firstSight = waiting[key] == nil
            waiting[key, default: [:]][nextTicket] = giveUp
            return (nextTicket, firstSight)
        }
        if firstSight {
            let eventLoop = connection.eventLoop
            connection.closeFuture.whenComplete { _ in
                eventLoop.scheduleTask(in: Self.grace) { self.closed(key) }
            }
        }
        return ticket
    }

    func done(_ ticket: Int, on connection: PostgresConnection) {
        lock.withLock { _ = waiting[ObjectIdentifier(connection)]?.removeValue(forKey: ticket) }
    }

    private func closed(_ key: ObjectIdentifier) {
        let stranded = lock.withLock { waiting.removeValue(forKey: key) ?? [:] }
        for giveUp in stranded.values { giveUp() }
    }
}

/// The database inside one transaction: one connection, looked at before every statement.
private struct TransactionDatabase: Database, SQLDatabase {
    let inner: any Database
    let sql: any SQLDatabase
    let connection: PostgresConnection

    private func ifOpen(_ send: () -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        connection.isClosed ? eventLoop.makeFailedFuture(DatabaseUnavailable()) : send()
    }

    func run(_ statement: String) -> EventLoopFuture<Void> {
        ifOpen { sql.execute(sql: SQLRaw(statement)) { _ in } }
    }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { true }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    { ifOpen { inner.execute(query: query, onOutput: onOutput) } }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { ifOpen { inner.execute(schema: schema) } }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { ifOpen { inner.execute(enum: `enum`) } }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    { ifOpen { sql.execute(sql: query, onRow) } }
}
