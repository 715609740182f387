import FluentKit
import NIOConcurrencyHelpers
import NIOCore

/// How the database's connection pool is used, for `/metrics`: AsyncKit's pool does not say, so
/// the wrappers of both drivers lease every connection through `lease`, which counts.
final class DatabaseLoad: Sendable {
    struct Snapshot: Sendable, Equatable {
        /// Operations that asked for a connection, holding one or waiting for it.
        var asked = 0
        /// Operations holding a connection.
        var inUse = 0
        var waiting: Int { asked - inUse }
    }

    /// Connections the pool may open at most (per event loop × event loops).
    let capacity: Int
    private let counts = NIOLockedValueBox(Snapshot())

    init(capacity: Int) { self.capacity = capacity }

    var snapshot: Snapshot { counts.withLockedValue { $0 } }

    /// `work` on a pooled connection of `database`, counted while it waits and while it holds it.
    func lease<T>(_ database: any Database, _ work: @escaping @Sendable (any Database) -> EventLoopFuture<T>)
        -> EventLoopFuture<T>
    {
        counts.withLockedValue { $0.asked += 1 }
        return database.withConnection { connection in
            self.counts.withLockedValue { $0.inUse += 1 }
            return work(connection).always { _ in self.counts.withLockedValue { $0.inUse -= 1 } }
        }.always { _ in self.counts.withLockedValue { $0.asked -= 1 } }
    }
}
