import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// PostgreSQL work that cannot finish is answered 503 within its deadline, and its connection is
/// closed and replaced: more of it than the pool has connections leaves the pool whole
/// (Database/PostgresConnectionWatch.swift; Tests/system/crash.py does the same with restarts).
@Suite struct DatabaseDeadlineTests {
    static let postgres = ProcessInfo.processInfo.environment["DATABASE_URL"] != nil
    static let deadlines = DatabaseDeadlines(statement: .seconds(1), transaction: .seconds(3))
    /// Generous: a deadline and its second of grace, on a machine busy with other builds.
    static let answeredWithin: Duration = .seconds(10)

    @Test(.enabled(if: postgres, "PostgreSQL only: SQLite's work never waits on a server"))
    func aTransactionWhoseBackendIsTerminatedIsAnswered503AndItsConnectionReplaced() async throws {
        try await withShenbao { app in
            app.databaseDeadlines.current = Self.deadlines
            // Inside a transaction, the backend is terminated from another connection (as a
            // PostgreSQL restart ends it), then the transaction goes on on its dead connection.
            app.get("api", "v1", "test", "backend-terminated") { req async throws -> HTTPStatus in
                try await req.db.transaction { db in
                    let sql = try StaticSelect.sql(db)
                    let pid = try await Self.backendPID(sql)
                    try await StaticSelect.sql(req.db).raw("SELECT pg_terminate_backend(\(bind: pid), 5000)").run()
                    try await sql.raw("SELECT 1").run()
                }
                return .ok
            }
            try await Self.pool(of: app, survives: "/api/v1/test/backend-terminated")
        }
    }

    @Test(.enabled(if: postgres, "PostgreSQL only: SQLite's work never waits on a server"))
    func aTransactionWhoseBackendIsTerminatedMidStatementIsAnswered503AndItsConnectionReplaced() async throws {
        try await withShenbao { app in
            app.databaseDeadlines.current = Self.deadlines
            // The same while a statement of the transaction runs: PostgreSQL's FATAL arrives in
            // the middle of the query.
            app.get("api", "v1", "test", "terminated-mid-statement") { req async throws -> HTTPStatus in
                try await req.db.transaction { db in
                    let sql = try StaticSelect.sql(db)
                    let pid = try await Self.backendPID(sql)
                    let other = try StaticSelect.sql(req.db)
                    async let terminated: Void = other.raw(
                        "SELECT pg_sleep(0.2), pg_terminate_backend(\(bind: pid), 5000)"
                    ).run()
                    do {
                        try await sql.raw("SELECT pg_sleep(2)").run()
                    } catch {
                        try await terminated
                        throw error
                    }
                    try await terminated
                }
                return .ok
            }
            try await Self.pool(of: app, survives: "/api/v1/test/terminated-mid-statement")
        }
    }

    @Test(.enabled(if: postgres, "PostgreSQL only: SQLite's work never waits on a server"))
    func aStatementPastItsDeadlineIsAnswered503AndItsConnectionReplaced() async throws {
        try await withShenbao { app in
            app.databaseDeadlines.current = Self.deadlines
            // A round trip that does not come back within its deadline (as one lost by the driver).
            app.get("api", "v1", "test", "too-slow") { req async throws -> HTTPStatus in
                try await req.db.transaction { db in
                    try await StaticSelect.sql(db).raw("SELECT pg_sleep(15)").run()
                }
                return .ok
            }
            try await Self.pool(of: app, survives: "/api/v1/test/too-slow")
        }
    }

    @Test(.enabled(if: postgres, "PostgreSQL only: SQLite's work never waits on a server"))
    func aRequestWhoseWorkWasGivenUpRunsNoFurtherStatement() async throws {
        try await withShenbao { app in
            app.databaseDeadlines.current = Self.deadlines
            // The first statement misses its deadline and the handler goes on (as a `try?`
            // would); its next statement must not wait out a second deadline.
            app.get("api", "v1", "test", "second-statement") { req async throws -> HTTPStatus in
                _ = try? await StaticSelect.sql(req.db).raw("SELECT pg_sleep(15)").run()
                try await StaticSelect.sql(req.db).raw("SELECT 1").run()
                return .ok
            }
            let response = try await app.api(.GET, "/api/v1/test/second-statement")
            #expect(response.status == .serviceUnavailable, "\(response.body.string)")
            // The next request is a new one: its work runs.
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }

    @Test(.enabled(if: postgres, "PostgreSQL only: SQLite's work never waits on a server"))
    func theWaitForAConnectionCountsWithinTheDeadline() async throws {
        try await withShenbao { app in
            app.databaseDeadlines.current = Self.deadlines
            let capacity = app.serverLoad.database.capacity
            // Every pooled connection held, by work without a request's deadline, until the read
            // below is answered. Each holder counts itself once it has its connection and the read
            // starts only when all do: on a busy CI machine opening eight connections took more
            // than 3 s, so neither a fixed pause nor holders of a fixed length were safe.
            let holding = NIOLockedValueBox(0)
            let released = NIOLockedValueBox(false)
            app.get("api", "v1", "test", "hold") { req async throws -> HTTPStatus in
                try await req.db.unhurried.withConnection { db in
                    try await StaticSelect.sql(db).raw("SELECT 1").run()
                    holding.withLockedValue { $0 += 1 }
                    while !released.withLockedValue({ $0 }) {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                return .ok
            }
            app.get("api", "v1", "test", "read") { req async throws -> HTTPStatus in
                try await StaticSelect.sql(req.db).raw("SELECT 1").run()
                return .ok
            }
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<capacity {
                    group.addTask { try await app.api(.GET, "/api/v1/test/hold").status }
                }
                defer { released.withLockedValue { $0 = true } }
                let clock = ContinuousClock()
                let waitedFrom = clock.now
                while holding.withLockedValue({ $0 }) < capacity, clock.now - waitedFrom < .seconds(60) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(holding.withLockedValue { $0 } == capacity, "every connection held before the read")
                let started = clock.now
                let response = try await app.api(.GET, "/api/v1/test/read")
                // Refused at its deadline (1 s): had the wait not counted, the read would have
                // waited for a holder to let go, or past the pool's own 10 s timeout, 503 `busy`.
                #expect(response.status == .serviceUnavailable, "\(response.body.string)")
                #expect(response.problems?.error.code == "databaseUnavailable")
                #expect(clock.now - started < Self.answeredWithin)
                released.withLockedValue { $0 = true }
                for try await status in group { #expect(status == .ok) }
            }
            #expect(try await app.api(.GET, "/api/v1/test/read").status == .ok)
        }
    }

    /// More requests to `path` than the pool has connections, one after another, each answered
    /// 503 promptly; then the pool is whole: as many reads at once as it has connections succeed.
    static func pool(of app: Application, survives path: String) async throws {
        let capacity = app.serverLoad.database.capacity
        let clock = ContinuousClock()
        for _ in 0...capacity {
            let started = clock.now
            let response = try await app.api(.GET, path)
            #expect(response.status == .serviceUnavailable, "\(response.body.string)")
            #expect(response.problems?.error.code == "databaseUnavailable")
            #expect(clock.now - started < answeredWithin)
        }
        let started = clock.now
        try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for _ in 0..<capacity {
                group.addTask { try await app.api(.GET, "/healthz").status }
            }
            for try await status in group { #expect(status == .ok) }
        }
        #expect(clock.now - started < answeredWithin)
        #expect(app.serverLoad.database.snapshot.inUse == 0)
    }

    /// The PostgreSQL process serving `sql`'s connection.
    static func backendPID(_ sql: any SQLDatabase) async throws -> Int32 {
        let row = try await sql.raw("SELECT pg_backend_pid() AS pid").first()
        return try row?.decode(column: "pid", as: Int32.self) ?? 0
    }
}
