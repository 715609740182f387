import Fluent

/// A recommender sanctioned for fraud (弄虚作假) receives nothing until this day (YYYY-MM-DD).
struct M010_AddRecommenderSanctions: AsyncMigration {
    var name: String { "M010_AddRecommenderSanctions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("sanctioned_until", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("sanctioned_until").update()
    }
}
