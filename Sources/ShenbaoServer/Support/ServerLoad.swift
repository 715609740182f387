import Vapor

/// The requests being answered and the queues they can wait in, kept where `/metrics` and
/// shutdown read them.
struct ServerLoad: Sendable {
    let requests: RequestsInFlight
    let database: DatabaseLoad
    /// SQLite's one writer; PostgreSQL has none.
    let writer: SQLiteWriter?
    /// Large request bodies (uploads) read at once.
    let uploads: Gate
}

extension Application {
    private struct ServerLoadKey: StorageKey {
        typealias Value = ServerLoad
    }

    var serverLoad: ServerLoad {
        get {
            guard let load = storage[ServerLoadKey.self] else { fatalError("configure(_:) sets the server's load") }
            return load
        }
        set { storage[ServerLoadKey.self] = newValue }
    }
}
