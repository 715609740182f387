import Fluent

/// Bulk exports of a call's packages, built in the background; the finished ZIP is kept here.
struct M015_CreateExportJobs: AsyncMigration {
    var name: String { "M015_CreateExportJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("export_jobs")
            .id()
            .field("call_id", .uuid, .required, .references("calls", "id"))
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            .field("done", .int, .required)
            .field("total", .int, .required)
            .field("message", .string)
            .field("data", .data)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("export_jobs").delete()
    }
}
