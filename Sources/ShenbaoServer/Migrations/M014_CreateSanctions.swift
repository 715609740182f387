import Fluent

/// Confirmed fraud by a recommender: the decision, its reason, and the last day of the bar.
struct M014_CreateSanctions: AsyncMigration {
    var name: String { "M014_CreateSanctions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sanctions")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("reason", .string, .required)
            .field("decided_on", .string, .required)
            .field("last_day", .string, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sanctions").delete()
    }
}
