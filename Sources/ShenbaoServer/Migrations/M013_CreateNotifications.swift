import Fluent

/// In-app messages, and the e-mail outbox they feed: queued in the transaction of the change
/// they announce, delivered after commit, retried until sent.
struct M013_CreateNotifications: AsyncMigration {
    var name: String { "M013_CreateNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("application_id", .uuid, .references("applications", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string)
            .field("read_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.index("ix_notifications_user_id", on: "notifications", "user_id")
        try await database.schema("mail_outbox")
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.index("ix_mail_outbox_status", on: "mail_outbox", "status")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mail_outbox").delete()
        try await database.schema("notifications").delete()
    }
}
