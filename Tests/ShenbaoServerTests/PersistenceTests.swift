import Foundation
import SQLKit
import Testing
import Vapor

@testable import ShenbaoServer

@Suite struct PersistenceTests {
    /// The suite runs twice: the PostgreSQL pass must really use PostgreSQL, not fall back.
    @Test func theDatabaseIsTheOneTheEnvironmentNames() async throws {
        try await withShenbao { app in
            let sql = try #require(app.db as? any SQLDatabase)
            if ProcessInfo.processInfo.environment["DATABASE_URL"] != nil {
                #expect(sql.dialect.name == "postgresql")
            } else {
                #expect(sql.dialect.name == "sqlite")
                struct Mode: Decodable { var journal_mode: String }
                let mode = try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)
                #expect(mode?.journal_mode == "wal")
            }
        }
    }
}
