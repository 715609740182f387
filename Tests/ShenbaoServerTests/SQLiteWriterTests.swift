import Foundation
import SQLKit
import Testing
import Vapor

@testable import ShenbaoServer

/// SQLite's one writer: single statements queued while it is busy are committed together, and
/// each still gets its own answer.
@Suite struct SQLiteWriterTests {
    static let sqlite = ProcessInfo.processInfo.environment["DATABASE_URL"] == nil

    @Test(.enabled(if: sqlite, "SQLite only: PostgreSQL has many writers"))
    func queuedWritesAreCommittedTogetherAndAFailureIsOnlyItsOwn() async throws {
        try await withShenbao { app in
            let writer = try #require(app.serverLoad.writer)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE writer_test (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)").run()

            // 40 distinct rows, queued behind a transaction, then let through at once.
            let grouped = try await committed(app, "grouped")
            let first = try await insertQueued((0..<40).map { ($0, "name-\($0)") }, app: app, writer: writer)
            #expect(first.allSatisfy { $0.value })
            #expect(try await committed(app, "grouped") >= grouped + 40)

            // 40 more, one of them a name already taken: that one fails, the 39 others are stored.
            let alone = try await committed(app, "alone")
            let second = try await insertQueued(
                (40..<80).map { ($0, $0 == 60 ? "name-7" : "name-\($0)") }, app: app, writer: writer)
            #expect(second.filter { !$0.value }.map(\.key) == [60])
            #expect(try await committed(app, "alone") >= alone + 40)  // the group rolled back, then one by one
            let rows = try await sql.raw("SELECT id FROM writer_test ORDER BY id").all().map {
                try $0.decode(column: "id", as: Int.self)
            }
            #expect(rows == Array(0..<60) + Array(61..<80))
        }
    }

    /// Inserts `rows` while a transaction holds the writer, so that all of them queue; answers
    /// whether each insert succeeded, by id.
    private func insertQueued(_ rows: [(Int, String)], app: Application, writer: SQLiteWriter) async throws
        -> [Int: Bool]
    {
        let sql = try #require(app.db as? any SQLDatabase)
        var inserts: [Task<Bool, Never>] = []
        try await whileATransactionWaits(app) {
            inserts = rows.map { id, name in
                Task {
                    do {
                        try await sql.insert(into: "writer_test").columns("id", "name")
                            .values(SQLBind(id), SQLBind(name)).run()
                        return true
                    } catch {
                        return false
                    }
                }
            }
            try await waitFor { writer.waiting == rows.count }
        }
        var answers: [Int: Bool] = [:]
        for (row, insert) in zip(rows, inserts) { answers[row.0] = await insert.value }
        return answers
    }

    /// `shenbao_sqlite_single_writes_total{committed="…"}` as /metrics shows it now.
    private func committed(_ app: Application, _ how: String) async throws -> Double {
        let scrape = try await app.api(.GET, "/metrics").body.string
        return metricValue(#"shenbao_sqlite_single_writes_total{committed="\#(how)"}"#, in: scrape) ?? 0
    }
}
