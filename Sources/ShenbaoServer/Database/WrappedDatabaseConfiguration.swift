import FluentKit

/// A database configuration whose databases are wrapped: the one way we add behaviour to a
/// Fluent driver without forking it (SQLite's one writer, PostgreSQL's watched connections).
struct WrappedDatabaseConfiguration: DatabaseConfiguration {
    var inner: any DatabaseConfiguration
    let wrap: @Sendable (any Database) -> any Database

    var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(inner: inner.makeDriver(for: databases), wrap: wrap)
    }

    struct Driver: DatabaseDriver {
        let inner: any DatabaseDriver
        let wrap: @Sendable (any Database) -> any Database

        func makeDatabase(with context: DatabaseContext) -> any Database {
            wrap(inner.makeDatabase(with: context))
        }

        func shutdown() { inner.shutdown() }
        func shutdownAsync() async { await inner.shutdownAsync() }
    }
}
