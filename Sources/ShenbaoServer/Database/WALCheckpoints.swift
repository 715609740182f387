import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// SQLite copies its write-ahead log back into the database file (a checkpoint) inside whichever
/// commit finds 1,000 pages in the log. That writer, and every writer queued behind it for the
/// one writing connection, then waits while some 4 MB are read, written and synced: with 2 MiB
/// uploads that was every other upload, and a fifth of an upload's server time in the profile.
/// Here the connections leave it to a background task that checkpoints once a second, PASSIVE,
/// which neither waits for nor blocks readers and writers, on a connection and a thread of its own:
/// run on one of the pool's two connections, a deadline day's checkpoint of some 60 MB held that
/// connection, and everyone behind it, for half a second each time. (More often than once a
/// second, it copied the same busy pages over and over: a second of saves writes several thousand
/// pages anyway.) Should the task fall behind or stop, the commits still checkpoint once the log
/// holds `safetyNetPages` (128 MB, some 60 uploads); a connection the pool reopens later has
/// SQLite's default again, today's behaviour.
///
/// Only `serve` runs it (Entrypoint): `restore` replaces the database file, and a connection
/// held open on the old one would checkpoint into it and delete the log by name when it closed.
struct WALCheckpoints: LifecycleHandler {
    static let safetyNetPages = 32_768
    static let interval = Duration.seconds(1)

    func didBootAsync(_ application: Application) async throws {
        let config = application.shenbaoConfig
        // Off for the bench (BenchPiece): SQLite's automatic checkpoints, as before.
        guard config.databaseURL == nil, !config.benchPiecesOff.contains(.walCheckpoints) else { return }
        try await Self.leaveCheckpointsToUs(application)
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let connection = try await SQLiteConnection.open(
            storage: .file(path: config.sqlitePath), threadPool: thread, logger: application.logger,
            on: application.eventLoopGroup.any())
        let logger = application.logger
        let box = application.walCheckpoints
        box.thread = thread
        box.connection = connection
        box.task = Task.detached {
            var failures = 0
            while !Task.isCancelled {
                do {
                    try await Self.checkpoint(connection)
                    failures = 0
                } catch {
                    failures += 1
                    if failures == 1 { logger.warning("SQLite 后台检查点失败（将重试）：\(String(reflecting: error))") }
                }
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let box = application.walCheckpoints
        box.task?.cancel()
        await box.task?.value
        try? await box.connection?.close()
        try? await box.thread?.shutdownGracefully()
    }

    /// Fluent's SQLite driver keeps one connection per event loop, and the writer one of its
    /// own (SQLiteWriter): each is told once.
    static func leaveCheckpointsToUs(_ application: Application) async throws {
        let setting: SQLQueryString = "PRAGMA wal_autocheckpoint=\(unsafeRaw: String(safetyNetPages))"
        try await application.serverLoad.writer?.set(setting, logger: application.logger)
        for eventLoop in application.eventLoopGroup.makeIterator() {
            guard
                let sql = application.databases.database(logger: application.logger, on: eventLoop) as? any SQLDatabase
            else { return }
            try await sql.raw(setting).run()
        }
    }

    /// Copies what the log holds beyond the database file, as far as readers allow; cheap when
    /// there is nothing to copy.
    static func checkpoint(_ connection: SQLiteConnection) async throws {
        try await connection.query("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
    }
}

extension Application {
    fileprivate final class WALCheckpointTask: @unchecked Sendable {
        var task: Task<Void, Never>?
        var connection: SQLiteConnection?
        var thread: NIOThreadPool?
    }
    private struct WALCheckpointTaskKey: StorageKey { typealias Value = WALCheckpointTask }

    fileprivate var walCheckpoints: WALCheckpointTask {
        if let box = storage[WALCheckpointTaskKey.self] { return box }
        let box = WALCheckpointTask()
        storage[WALCheckpointTaskKey.self] = box
        return box
    }
}
