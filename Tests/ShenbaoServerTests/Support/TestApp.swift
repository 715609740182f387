import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Runs `body` against a fresh, fully prepared application: its own SQLite file, or — when
/// `DATABASE_URL` is set (the test script sets it for the PostgreSQL pass) — its own schema in
/// that PostgreSQL database, dropped afterwards. Tests never share data, so they run in parallel.
func withShenbao(
    environment overrides: [String: String] = [:],
    _ body: (Application) async throws -> Void
) async throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("shenbao-test-" + UUID().uuidString.prefix(8).lowercased())
    var environment = ProcessInfo.processInfo.environment
    environment["SHENBAO_DATA_DIR"] = directory.path
    environment["SHENBAO_BCRYPT_COST"] = "4"
    let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    if environment["DATABASE_URL"] != nil { environment["SHENBAO_DATABASE_SCHEMA"] = schema }
    environment.merge(overrides) { _, new in new }
    let config = Config(environment: environment)

    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, config: config)
        _ = try await prepareDatabase(app, config: config)
        try await body(app)
    } catch {
        try await cleanUp(app, config: config, directory: directory)
        throw error
    }
    try await cleanUp(app, config: config, directory: directory)
}

private func cleanUp(_ app: Application, config: Config, directory: URL) async throws {
    if config.usesPostgres, let schema = config.databaseSchema, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(at: directory)
}

/// The seven roles plus "nobody signed in", as the authorization tests walk them.
enum Actor: String, CaseIterable, CustomStringConvertible, Sendable {
    case anonymous, applicant, recommender, province, finance, expert, sysadmin, auditor

    var role: Role? { Role(rawValue: rawValue) }
    var description: String { rawValue }
}

/// A user of each role, with an organisation where the role needs one, created straight in the
/// database (the API that creates users is tested on its own).
struct TestUsers {
    static let password = "Passw0rd!2025"
    var ids: [Actor: UUID] = [:]
    var organizations: [Actor: UUID] = [:]

    static func create(on app: Application) async throws -> TestUsers {
        var users = TestUsers()
        for actor in Actor.allCases {
            guard let role = actor.role else { continue }
            let organizationID: UUID?
            switch role {
            case .applicant:
                let org = OrganizationModel()
                org.kind = .applicant
                org.name = "湖南鸿斯科技有限公司"
                org.uscc = "91430100MAE5UXKE2R"
                org.divisionCode = "430104"
                try await org.create(on: app.db)
                organizationID = try org.requireID()
            case .recommender:
                organizationID = try await OrganizationModel.query(on: app.db)
                    .filter(\.$name == "长沙市科学技术协会").first()?.requireID()
            case .province, .sysadmin, .auditor:
                organizationID = try await OrganizationModel.query(on: app.db)
                    .filter(\.$kind == .province).first()?.requireID()
            case .finance, .expert:
                organizationID = nil
            }
            let user = UserModel(
                username: actor.rawValue + "1", passwordHash: try Bcrypt.hash(password, cost: 4), role: role,
                organizationID: organizationID, contactName: "测试" + role.label, phone: "13800000000",
                email: actor.rawValue + "@example.com")
            try await user.create(on: app.db)
            users.ids[actor] = try user.requireID()
            users.organizations[actor] = organizationID
        }
        return users
    }
}

/// Runs `body` while a transaction of `app` is open and waiting (on SQLite it holds the one
/// writer), and closes it once `body` returns.
func whileATransactionWaits(_ app: Application, _ body: () async throws -> Void) async throws {
    let (started, starter) = AsyncStream<Void>.makeStream()
    let (release, releaser) = AsyncStream<Void>.makeStream()
    let holder = Task {
        try await app.db.transaction { _ in
            starter.yield()
            for await _ in release { break }
        }
    }
    for await _ in started { break }
    do {
        try await body()
    } catch {
        releaser.yield()
        _ = await holder.result
        throw error
    }
    releaser.yield()
    try await holder.value
}
