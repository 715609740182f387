import FluentKit
import NIOCore
import PostgresNIO
import SQLKit

extension DatabaseConfigurationFactory {
    /// `factory`, its statements and transactions on watched connections (ConnectionWatch)
    /// within `deadlines`, counted in `load`.
    static func watchingConnections(
        _ factory: DatabaseConfigurationFactory, load: DatabaseLoad, deadlines: DatabaseDeadlineSetting
    ) -> DatabaseConfigurationFactory {
        .init {
            WrappedDatabaseConfiguration(inner: factory.make()) {
                // Fluent's PostgreSQL database is always an SQLDatabase: the fallback is never taken.
                guard let sql = $0 as? any SQLDatabase else { return $0 }
                return PooledDatabase(inner: $0, sql: sql, load: load, setting: deadlines)
            }
        }
    }
}

extension Database {
    /// This database without a request's deadlines, for long work on purpose (a bulk export and
    /// its download): its work is still given up when its connection closes.
    var unhurried: any Database {
        guard var pooled = self as? PooledDatabase else { return self }
        pooled.fixed = .unhurried
        return pooled
    }
}

/// The database as requests and commands see it: every statement and transaction on a watched
/// connection, within the deadlines in force.
private struct PooledDatabase: Database, SQLDatabase {
    let inner: any Database
    /// `inner` as SQL.
    let sql: any SQLDatabase
    let load: DatabaseLoad
    let setting: DatabaseDeadlineSetting
    /// This database's own deadlines instead of the setting's (`unhurried`).
    var fixed: DatabaseDeadlines?

    private var deadlines: DatabaseDeadlines { fixed ?? setting.current }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    { watched(within: deadlines.statement) { db, _, _ in db.execute(query: query, onOutput: onOutput) } }

    // Schema changes are migrations', which run unhurried: left as Fluent sends them.
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        load.lease(inner, closure)
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let deadlines = self.deadlines
        return watched(within: deadlines.transaction) { db, single, connection in
            let transaction = TransactionDatabase(
                inner: db, sql: single, connection: connection, deadline: deadlines.statement)
            return transaction.run("BEGIN").flatMap {
                closure(transaction).map(UncheckedBox.init)
                    .flatMap { result in transaction.run("COMMIT").map { result } }
                    .flatMapError { error in
                        // A closed connection has rolled back already, on the server's side.
                        guard !connection.isClosed else { return db.eventLoop.makeFailedFuture(error) }
                        return transaction.run("ROLLBACK").flatMapThrowing { () throws -> UncheckedBox<T> in
                            throw error
                        }
                    }
            }.map(\.value)
        }
    }

    /// `work` on one pooled connection, answered by `deadline` at the latest, the wait for the
    /// connection included: when every pooled connection hangs on a silent database, a request
    /// would otherwise wait for the pool's own timeout (10 s) before its deadline even began
    /// (crash.py saw 503 after 10.0 s). Once a request's work has been given up, the rest of
    /// that request's database work is refused at once (`RequestDatabaseWork`): its next
    /// statement would only wait out another deadline, on locks the given-up work still holds.
    private func watched<T>(
        within deadline: TimeAmount,
        _ work: @escaping @Sendable (any Database, any SQLDatabase, PostgresConnection) -> EventLoopFuture<T>
    ) -> EventLoopFuture<T> {
        let eventLoop = inner.eventLoop
        let request = RequestDatabaseWork.current
        guard request?.givenUp != true else { return eventLoop.makeFailedFuture(DatabaseUnavailable()) }
        let ends = NIODeadline.now() + deadline
        let answer = eventLoop.makePromise(of: UncheckedBox<T>.self)
        let waiting = eventLoop.scheduleTask(deadline: ends) { answer.fail(DatabaseUnavailable()) }
        load.lease(inner) { db -> EventLoopFuture<UncheckedBox<T>> in
            waiting.cancel()
            let left = ends - .now()
            // Too late: the connection goes back to the pool untouched.
            guard left > .zero, let postgres = db as? any PostgresDatabase, let single = db as? any SQLDatabase else {
                return db.eventLoop.makeFailedFuture(DatabaseUnavailable())
            }
            return postgres.withConnection { db.eventLoop.makeSucceededFuture($0) }.flatMap { connection in
                ConnectionWatch.answer(on: connection, within: left, logger: db.logger) {
                    work(db, single, connection)
                }
            }
        }.whenComplete { answer.completeWith($0) }
        return answer.futureResult.map(\.value).flatMapErrorThrowing { error in
            if ShenbaoErrorMiddleware.isDatabaseOutage(error) { request?.giveUp() }
            throw error
        }
    }

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    { watched(within: deadlines.statement) { _, single, _ in single.execute(sql: query, onRow) } }
}

/// The database inside one transaction: one connection, looked at before every statement, each
/// statement within its own deadline too.
private struct TransactionDatabase: Database, SQLDatabase {
    let inner: any Database
    let sql: any SQLDatabase
    let connection: PostgresConnection
    let deadline: TimeAmount

    private func timed(_ send: () -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        guard !connection.isClosed else { return eventLoop.makeFailedFuture(DatabaseUnavailable()) }
        return ConnectionWatch.answer(on: connection, within: deadline, logger: logger, send).map(\.value)
    }

    func run(_ statement: String) -> EventLoopFuture<Void> {
        timed { sql.execute(sql: SQLRaw(statement)) { _ in } }
    }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { true }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    { timed { inner.execute(query: query, onOutput: onOutput) } }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { timed { inner.execute(schema: schema) } }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { timed { inner.execute(enum: `enum`) } }

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
    { timed { sql.execute(sql: query, onRow) } }
}
