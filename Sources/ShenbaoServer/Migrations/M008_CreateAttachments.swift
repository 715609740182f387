import Fluent

/// Attachment contents, stored once per SHA-256 however many applications use them, and the
/// attachments that name them.
struct M008_CreateAttachments: AsyncMigration {
    var name: String { "M008_CreateAttachments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("blobs")
            .id()
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime)
            .unique(on: "sha256", name: "uq_blobs_sha256")
            .create()
        try await database.schema("attachments")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .create()
        try await database.index("ix_attachments_application_id", on: "attachments", "application_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("attachments").delete()
        try await database.schema("blobs").delete()
    }
}
