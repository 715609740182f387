import Fluent

/// The province deactivates a recommender (and may activate it again): when, and why.
struct M025_AddRecommenderAdministration: AsyncMigration {
    var name: String { "M025_AddRecommenderAdministration" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("organizations").field("deactivated_at", .datetime).update()
        try await database.schema("organizations").field("deactivation_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("deactivation_reason").update()
        try await database.schema("organizations").deleteField("deactivated_at").update()
    }
}
