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
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            for n in 0..<3 {
                // SQLite stores a blob as it is: any 2 MiB fill the log as a scan would.
                let scan =
                    ApplicationFixtures.pdf + Data(repeating: UInt8(n), count: 2 * 1024 * 1024)
                    + Data("\n%%EOF\n".utf8)
                let response = try await ApplicationFixtures.upload(
                    app, id, token: token, kind: "evidence", name: "材料\(n).pdf", data: scan)
                #expect(response.status == .created)
            }
            // SQLite's default would have copied the log back after 1,000 pages (4 MB) and started it
            // over; left to us, the three scans are all still in it.
            let wal = app.shenbaoConfig.sqlitePath + "-wal"
            let size = try #require(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int)
            #expect(size > 6 * 1024 * 1024)

            let connection = try await SQLiteConnection.open(storage: .file(path: app.shenbaoConfig.sqlitePath))
            try await WALCheckpoints.checkpoint(connection)
            try await connection.close()
            let sql = try #require(app.db as? any SQLDatabase)
            let after = try #require(
                try await sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first(decoding: Checkpoint.self))
            #expect(after.busy == 0)
            #expect(after.log > 1500)  // 4 KB pages: three 2 MiB scans and their rows
            #expect(after.checkpointed == after.log)
        }
    }
}
