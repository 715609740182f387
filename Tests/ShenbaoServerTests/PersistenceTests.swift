import Foundation
import SQLKit
import ShenbaoTestSupport
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

    @Test("lists show each form's project name and amount, also for applications saved before the columns existed")
    func summaryColumnsAreFilledFromStoredForms() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            _ = try await ApplicationFixtures.fill(app, id, token: token)
            let form = CompleteApplication.conference()
            struct Row: Decodable {
                var projectName: String
                var requestedYuan: Int?
            }
            func listed() async throws -> Row? {
                try await app.api(.GET, "/api/v1/applications", token: token).content.decode([Row].self).first
            }
            #expect(try await listed()?.projectName == form.projectName)
            #expect(try await listed()?.requestedYuan == form.requestedYuan)
            // An older database: the columns are added by the migration and filled from the forms.
            // (On one connection, as a migration runs: SQLite's other connection may still hold
            // the old schema for a moment.)
            try await app.db.withConnection { db in
                try await M019_AddApplicationSummary().revert(on: db)
                try await M019_AddApplicationSummary().prepare(on: db)
            }
            #expect(try await listed()?.projectName == form.projectName)
            #expect(try await listed()?.requestedYuan == form.requestedYuan)
        }
    }
}
