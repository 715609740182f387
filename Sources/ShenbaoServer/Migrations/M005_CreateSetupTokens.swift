import Fluent

struct M005_CreateSetupTokens: AsyncMigration {
    var name: String { "M005_CreateSetupTokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema("setup_tokens")
            .id()
            .field("token_hash", .string, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("setup_tokens").delete()
    }
}
