import Fluent

struct M002_CreateUsers: AsyncMigration {
    var name: String { "M002_CreateUsers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organization_id", .uuid, .references("organizations", "id"))
            .field("contact_name", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "username", name: "uq_users_username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
