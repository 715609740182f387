import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// `shenbao backup` / `shenbao restore` on PostgreSQL (pg_dump and pg_restore). The SQLite round
/// trip runs the real commands in the browser journeys, where Python compares both files.
@Suite struct BackupTests {
    static let postgres = ProcessInfo.processInfo.environment["DATABASE_URL"] != nil

    /// Every table of the test's schema with a checksum of all its rows.
    static func snapshot(_ app: Application, schema: String) async throws -> [String: String] {
        let sql = try #require(app.db as? any SQLDatabase)
        struct Table: Decodable { var table_name: String }
        let tables = try await sql.raw(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = \(bind: schema) ORDER BY table_name"
        ).all(decoding: Table.self)
        var result: [String: String] = [:]
        for table in tables.map(\.table_name) {
            struct Sum: Decodable { var rows: Int; var sum: String? }
            let sum = try await sql.raw(
                """
                SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum \
                FROM \(ident: schema).\(ident: table) t
                """
            ).first(decoding: Sum.self)
            result[table] = "\(sum?.rows ?? -1):\(sum?.sum ?? "")"
        }
        return result
    }

    @Test(.enabled(if: postgres, "runs in the PostgreSQL pass"))
    func postgresRoundTripKeepsEveryTableAndAttachment() async throws {
        try await withShenbao { app in
            let config = app.shenbaoConfig
            let schema = try #require(config.databaseSchema)
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let before = try await Self.snapshot(app, schema: schema)
            #expect(before["attachments"]?.hasPrefix("0:") == false, "the backup holds attachments")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("shenbao-\(UUID()).dump").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await Backup.backup(app, config: config, to: file)
            await #expect(throws: Backup.Failure.self) { try await Backup.backup(app, config: config, to: file) }

            // Things go wrong after the backup: the application withdrawn, its files deleted.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM \(ident: schema).attachments").run()
            try await sql.raw("UPDATE \(ident: schema).applications SET status = 'withdrawn'").run()
            #expect(try await Self.snapshot(app, schema: schema) != before)

            try Backup.restore(config: config, from: file)
            #expect(try await Self.snapshot(app, schema: schema) == before)
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .atRecommender)
            let download = try await app.api(.GET, "/api/v1/applications/\(id)/attachments", token: people.applicant)
            #expect(download.status == .ok)
        }
    }

    @Test func aBackupIsNeverWrittenOverAFileAndOnlyABackupIsRestored() async throws {
        try await withShenbao { app in
            let config = app.shenbaoConfig
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("shenbao-\(UUID()).txt").path
            try Data("not a backup".utf8).write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            await #expect(throws: Backup.Failure.self) { try await Backup.backup(app, config: config, to: file) }
            #expect(throws: Backup.Failure.self) { try Backup.restore(config: config, from: file) }
            #expect(throws: Backup.Failure.self) { try Backup.restore(config: config, from: file + ".missing") }
        }
    }
}
