import FluentKit
import FluentSQLiteDriver
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Vapor

/// SQLite's one writer: a connection of its own, on an event loop and a thread of its own.
///
/// SQLite lets a single connection write at once. Two connections that both wanted to write spun
/// on each other's lock in sqlite-nio's busy handler (a third of the CPU), and a transaction that
/// had read before another committed could not write at all (SQLITE_BUSY, a 500). So every write
/// goes to this one connection (the write lane), whose pool hands it to one writer after another
/// in the order they came; readers never wait for it (WAL lets them read beside the writer).
///
/// Its own event loop because the hand-over from one writer to the next is the one thing every
/// write waits for: on the request loops each step of it (the statement's answer, the next
/// writer's turn) queued behind the answers being encoded there, and the lane let through no more
/// than a thousand saves a second with a quarter of the cores idle (bench/RESULTS.md). A single
/// statement now goes from the loop to the writer thread and back without touching the request
/// loops, together with those queued beside it (GroupCommit); a transaction's own code still runs
/// where its task runs.
final class SQLiteWriter: Sendable {
    private let loop: MultiThreadedEventLoopGroup
    private let thread: NIOThreadPool
    private let databases: Databases
    private let issued = NIOLockedValueBox(0)
    private let groups: GroupCommit
    private let encoder = SQLiteDataEncoder()

    init(path: String, patience: TimeAmount = .seconds(30)) {
        let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let databases = Databases(threadPool: thread, on: loop)
        // A writer that waits longer than `patience` is told the system is busy (503): a queue
        // that does not move means something is stuck, and it must not grow without end.
        databases.use(.sqlite(.file(path), connectionPoolTimeout: patience), as: .sqlite)
        let logger = Logger(label: "shenbao.sqlite-writer")
        let writerLoop = loop.next()
        groups = GroupCommit(loop: writerLoop) {
            databases.database(.sqlite, logger: logger, on: writerLoop) as? any SQLiteDatabase
        }
        self.loop = loop
        self.thread = thread
        self.databases = databases
    }

    /// Writes waiting for the writer (one more, if any, is being written), for `/metrics`.
    var waiting: Int { max(0, issued.withLockedValue { $0 } - 1) }

    /// `work` on the writer's database, as `db` would run it (its logger, history and page limit).
    fileprivate func write<T>(like db: any Database, _ work: (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T>
    {
        let context = db.context
        guard
            let writer = databases.database(
                .sqlite, logger: context.logger, on: loop.next(), history: context.history,
                pageSizeLimit: context.pageSizeLimit)
        else { return db.eventLoop.makeFailedFuture(SQLiteWriterClosed()) }
        issued.withLockedValue { $0 += 1 }
        // The answer goes back to the caller's loop, so what the caller does with it does not
        // hold up the next writer.
        return work(writer).always { _ in self.issued.withLockedValue { $0 -= 1 } }.hop(to: db.eventLoop)
    }

    /// A single statement, written with those queued beside it (GroupCommit).
    fileprivate func write(
        statement: any SQLExpression, serializer: any SQLDatabase, like db: any Database,
        _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        let (sql, raw) = serializer.serialize(statement)
        let binds: [SQLiteData]
        do {
            binds = try raw.map { try encoder.encode($0) }
        } catch {
            return db.eventLoop.makeFailedFuture(error)
        }
        issued.withLockedValue { $0 += 1 }
        return groups.write(sql, binds) { onRow($0.sql()) }
            .always { _ in self.issued.withLockedValue { $0 -= 1 } }.hop(to: db.eventLoop)
    }

    /// A setting of the writer's connection, as `statement` makes it.
    func set(_ statement: SQLQueryString, logger: Logger) async throws {
        guard let sql = databases.database(.sqlite, logger: logger, on: loop.next()) as? any SQLDatabase else {
            throw SQLiteWriterClosed()
        }
        try await sql.raw(statement).run()
    }

    /// Closes the connection, then its loop and thread; after the last request has been answered.
    func shutdown() async {
        await databases.shutdownAsync()
        try? await thread.shutdownGracefully()
        try? await loop.shutdownGracefully()
    }
}

/// A write asked for after the writer was closed (only while the program stops).
struct SQLiteWriterClosed: Error {}

/// Closes the writer when the application stops; registered first, so it runs after the other
/// handlers (which may still write) have stopped.
struct SQLiteWriterLifecycle: LifecycleHandler {
    let writer: SQLiteWriter
    func shutdownAsync(_ application: Application) async { await writer.shutdown() }
}

extension DatabaseConfigurationFactory {
    /// `factory`, its writes through `writer`: transactions, schema changes, and Fluent or SQL
    /// writes made outside a transaction. Everything else goes straight through. Connections
    /// are counted in `load`.
    static func writingThrough(_ writer: SQLiteWriter, _ factory: DatabaseConfigurationFactory, load: DatabaseLoad)
        -> DatabaseConfigurationFactory
    {
        .init {
            WrappedDatabaseConfiguration(inner: factory.make()) {
                // Fluent's SQLite database is always an SQLDatabase: the fallback is never taken.
                guard let sql = $0 as? any SQLDatabase else { return $0 }
                return WriterDatabase(inner: $0, sql: sql, writer: writer, load: load)
            }
        }
    }
}

private struct WriterDatabase: Database, SQLDatabase {
    let inner: any Database
    /// `inner` as SQL.
    let sql: any SQLDatabase
    let writer: SQLiteWriter
    let load: DatabaseLoad

    private func leased<T>(_ work: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        load.lease(inner, work)
    }

    // Database

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    {
        switch query.action {
        case .create, .update, .delete:
            return writer.write(like: inner) { $0.execute(query: query, onOutput: onOutput) }
        default:
            return leased { $0.execute(query: query, onOutput: onOutput) }
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        writer.write(like: inner) { $0.execute(schema: schema) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.write(like: inner) { $0.transaction(closure) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        // A reading connection: what runs on it goes straight to SQLite.
        leased(closure)
    }

    // SQLDatabase

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        guard query is SQLInsert || query is SQLUpdate || query is SQLDelete else {
            // A connection of Fluent's SQLite database is an SQLDatabase, as the database is.
            return leased { connection in
                guard let sql = connection as? any SQLDatabase else {
                    return connection.eventLoop.makeFailedFuture(InternalInvariant("an SQLite connection without SQL"))
                }
                return sql.execute(sql: query, onRow)
            }
        }
        return writer.write(statement: query, serializer: sql, like: inner, onRow)
    }
}
