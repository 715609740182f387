import Fluent
import SQLKit

/// Accounts run for years: a user can be disabled and must sometimes choose a new password
/// first; logins are remembered; browser sessions are listed and ended; one-time password links;
/// and the security audit trail of account changes and logins.
struct M024_AddAccountAdministration: AsyncMigration {
    var name: String { "M024_AddAccountAdministration" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("users").field("disabled_at", .datetime).update()
        try await database.schema("users").field("disabled_reason", .string).update()
        try await database.schema("users")
            .field("must_change_password", .bool, .required, .sql(.default(false))).update()
        try await database.schema("users").field("password_changed_at", .datetime).update()
        try await database.schema("users").field("last_login_at", .datetime).update()
        try await database.schema("users").field("last_login_address", .string).update()
        try await database.schema("users").field("previous_login_at", .datetime).update()
        try await database.schema("users").field("previous_login_address", .string).update()

        try await database.schema("user_sessions")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("address", .string, .required)
            .field("device", .string, .required)
            .create()
        try await database.index("ix_user_sessions_user_id", on: "user_sessions", "user_id")

        try await database.schema("password_links")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.index("ix_password_links_user_id", on: "password_links", "user_id")

        try await database.schema("security_events")
            .id()
            .field("sequence", .int, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("action", .string, .required)
            .field("subject_id", .uuid)
            .field("subject_name", .string, .required)
            .field("detail", .string, .required)
            .field("address", .string, .required)
            .field("previous_hash", .string)
            .field("hash", .string, .required)
            .unique(on: "sequence")
            .create()
        try await database.index("ix_security_events_subject", on: "security_events", "subject_id")
        try await database.index("ix_security_events_actor", on: "security_events", "actor_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("security_events").delete()
        try await database.schema("password_links").delete()
        try await database.schema("user_sessions").delete()
        for field in [
            "previous_login_address", "previous_login_at", "last_login_address", "last_login_at",
            "password_changed_at", "must_change_password", "disabled_reason", "disabled_at",
        ] {
            try await database.schema("users").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
