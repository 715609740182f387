import Fluent
import SQLKit

struct M004_CreateLoginFailures: AsyncMigration {
    var name: String { "M004_CreateLoginFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .id()
            .field("username", .string, .required)
            .field("address", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        // Every login counts recent failures by account and by address.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "ix_login_failures_username").on("login_failures").column("username").run()
            try await sql.create(index: "ix_login_failures_address").on("login_failures").column("address").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
    }
}
