import Fluent

/// Applications: the queried facts as indexed columns, the form itself as one JSON document.
struct M007_CreateApplications: AsyncMigration {
    var name: String { "M007_CreateApplications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("applications")
            .id()
            .field("call_id", .uuid, .required, .references("calls", "id"))
            .field("category", .string, .required)
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("status", .string, .required)
            .field("recommender_id", .uuid, .references("organizations", "id"))
            .field("holder_id", .uuid, .references("organizations", "id"))
            .field("form", .json, .required)
            .field("organization_snapshot", .json)
            .field("version", .int, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("submitted_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        for column in ["call_id", "organization_id", "status", "holder_id", "recommender_id"] {
            try await database.index("ix_applications_\(column)", on: "applications", column)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("applications").delete()
    }
}
