import Fluent

/// The append-only history of every application: who did what, when, from which status to which.
struct M009_CreateApplicationEvents: AsyncMigration {
    var name: String { "M009_CreateApplicationEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("application_events")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id", onDelete: .cascade))
            .field("sequence", .int, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid, .references("users", "id"))
            .field("actor_name", .string, .required)
            .field("role", .string, .required)
            .field("action", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string)
            .field("comment", .string)
            .field("previous_hash", .string)
            .field("hash", .string, .required)
            .unique(on: "application_id", "sequence", name: "uq_application_events_sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_events").delete()
    }
}
