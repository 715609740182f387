import FluentKit
import NIOCore
import SQLKit

/// One writer at a time, in the order they came, for SQLite.
///
/// SQLite lets a single connection write at once. The driver keeps one connection per event
/// loop, and when two of them want to write, sqlite-nio's busy handler retries without sleeping:
/// under load the two threads spun on each other's lock (a third of the CPU in the profile), and
/// a transaction that had read before another committed could not write at all (SQLITE_BUSY, a
/// 500). Writers now queue at a one-slot `Gate`, without holding a thread or a connection, and
/// reach SQLite one by one; readers never wait for it (WAL lets them read beside the writer).
extension DatabaseConfigurationFactory {
    /// `factory`, its writes through `lane`: transactions, and Fluent or SQL writes made
    /// outside one. Everything else goes straight through. Connections are counted in `load`.
    static func writeLane(_ factory: DatabaseConfigurationFactory, lane: Gate, load: DatabaseLoad)
        -> DatabaseConfigurationFactory
    {
        .init {
            WrappedDatabaseConfiguration(inner: factory.make()) { LaneDatabase(inner: $0, lane: lane, load: load) }
        }
    }
}

private struct LaneDatabase: Database, SQLDatabase {
    let inner: any Database
    let lane: Gate
    let load: DatabaseLoad

    private var sql: any SQLDatabase {
        // The wrapped SQLite database is always an SQLDatabase; Fluent's own types say so.
        inner as! any SQLDatabase  // swiftlint:disable:this force_cast
    }

    private func leased<T>(_ work: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        load.lease(inner, work)
    }

    private func leasedSQL(_ work: @escaping @Sendable (any SQLDatabase) -> EventLoopFuture<Void>)
        -> EventLoopFuture<Void>
    {
        // A connection of Fluent's SQLite database is an SQLDatabase, as the database is.
        leased { work($0 as! any SQLDatabase) }  // swiftlint:disable:this force_cast
    }

    private func inLane<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let lane = lane
        return eventLoop.makeFutureWithTask { try await lane.run(work) }
    }

    // Database

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    {
        let work: @Sendable (any Database) -> EventLoopFuture<Void> = { $0.execute(query: query, onOutput: onOutput) }
        switch query.action {
        case .create, .update, .delete:
            return inLane { try await leased(work).get() }
        default:
            return leased(work)
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        let inner = inner
        return inLane { try await inner.execute(schema: schema).get() }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        // `T` is Sendable in every use; Fluent's protocol just does not say so.
        inLane { UncheckedBox(try await leased { $0.transaction(closure) }.get()) }.map(\.value)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        // Whoever holds a connection must not wait for the lane (the lane's holder may need that
        // connection): what runs on it goes straight to SQLite.
        leased(closure)
    }

    // SQLDatabase

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let work: @Sendable (any SQLDatabase) -> EventLoopFuture<Void> = { $0.execute(sql: query, onRow) }
        guard query is SQLInsert || query is SQLUpdate || query is SQLDelete else { return leasedSQL(work) }
        return inLane { try await leasedSQL(work).get() }
    }
}
