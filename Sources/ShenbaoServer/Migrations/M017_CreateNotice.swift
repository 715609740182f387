import Fluent

/// The public notice (公示), its objections (异议), the funded list's publication and the days the
/// province's offices close beyond the State Council's calendar.
struct M017_CreateNotice: AsyncMigration {
    var name: String { "M017_CreateNotice" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notices")
            .id()
            .field("call_id", .uuid, .required, .references("calls", "id"))
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("working_days", .int, .required)
            .field("started_by", .string, .required)
            .field("started_at", .datetime, .required)
            .field("published_by", .string)
            .field("published_at", .datetime)
            .unique(on: "call_id")
            .create()
        try await database.schema("objections")
            .id()
            .field("call_id", .uuid, .required, .references("calls", "id"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("receipt", .string, .required)
            .field("name", .string, .required)
            .field("contact", .string, .required)
            .field("text", .string, .required)
            .field("address", .string, .required)
            .field("received_at", .datetime, .required)
            .field("outcome", .string)
            .field("fraud", .bool, .required)
            .field("resolution", .string)
            .field("resolved_by", .string)
            .field("resolved_at", .datetime)
            .unique(on: "receipt")
            .create()
        try await database.schema("calendar_closures")
            .id()
            .field("day", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .string, .required)
            .unique(on: "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_closures").delete()
        try await database.schema("objections").delete()
        try await database.schema("notices").delete()
    }
}
