import Fluent

/// Two-factor sign-in for staff: each user's TOTP key (Base32, set once confirmed) and the last
/// step used (a code works once), and one-time recovery codes, stored hashed.
struct M023_AddTwoFactor: AsyncMigration {
    var name: String { "M023_AddTwoFactor" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("users").field("totp_secret", .string).update()
        try await database.schema("users").field("totp_last_step", .int64).update()
        try await database.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .create()
        try await database.index("ix_recovery_codes_user_id", on: "recovery_codes", "user_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_codes").delete()
        try await database.schema("users").deleteField("totp_last_step").update()
        try await database.schema("users").deleteField("totp_secret").update()
    }
}
