import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import Vapor

@testable import ShenbaoServer

@Suite struct WALCheckpointsTests {
    static let sqlite = ProcessInfo.processInfo.environment["DATABASE_URL"] == nil

    struct Checkpoint: Decodable {
        var busy: Int
        var log: Int
        var checkpointed: Int
    }

    @Test(.enabled(if: sqlite, "SQLite only: PostgreSQL checkpoints on its own"))
    func commitsLeaveTheCheckpointToTheBackgroundTask() async throws {
        try await withShenbao { app in
            try await WALCheckpoints.leaveCheckpointsToUs(app)
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                let setting = try await sql.raw("PRAGMA wal_autocheckpoint").first(decoding: [String: Int].self)
                #expect(setting?.values.first == WALCheckpoints.safetyNetPages)
            }
            // Three commits of 2 MiB each (attachments are files on SQLite now, so the rows are
            // written as an earlier version stored a scan: in the database, which fills the log).
            let sql = try #require(app.db as? any SQLDatabase)
            for n in 0..<3 {
                let bytes = Data(repeating: UInt8(n), count: 2 * 1024 * 1024)
                try await sql.insert(into: BlobModel.schema)
                    .columns("id", "sha256", "size", "data", "created_at")
                    .values(
                        SQLBind(UUID()), SQLBind("wal-test-\(n)"), SQLBind(bytes.count), SQLBind(bytes), SQLBind(Date())
                    )
                    .run()
            }
            // SQLite's default would have copied the log back after 1,000 pages (4 MB) and started it
            // over; left to us, the three rows are all still in it.
            let wal = app.shenbaoConfig.sqlitePath + "-wal"
            let size = try #require(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int)
            #expect(size > 6 * 1024 * 1024)

            let connection = try await SQLiteConnection.open(storage: .file(path: app.shenbaoConfig.sqlitePath))
            try await WALCheckpoints.checkpoint(connection)
            try await connection.close()
            let after = try #require(
                try await sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first(decoding: Checkpoint.self))
            #expect(after.busy == 0)
            #expect(after.log > 1500)  // 4 KB pages: three rows of 2 MiB
            #expect(after.checkpointed == after.log)
        }
    }
}
