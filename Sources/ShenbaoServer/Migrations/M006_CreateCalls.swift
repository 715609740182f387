import Fluent

struct M006_CreateCalls: AsyncMigration {
    var name: String { "M006_CreateCalls" }

    func prepare(on database: any Database) async throws {
        try await database.schema("calls")
            .id()
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("phase", .string, .required)
            .field("deadline", .datetime)
            .field("definition", .json, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "year", name: "uq_calls_year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calls").delete()
    }
}
