import Fluent

/// 项目变更 (issue 30): the changes the unit of a funded project asked for, and the decisions.
struct M038_AddChangeRequests: AsyncMigration {
    var name: String { "M038_AddChangeRequests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("change_requests")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("kind", .string, .required)
            .field("request", .json, .required)
            .field("reason", .string, .required)
            .field("evidence_attachment_id", .uuid)
            .field("state", .string, .required)
            .field("decided_by", .uuid)
            .field("decision_comment", .string)
            .field("before", .json)
            .field("requested_by", .uuid, .required)
            .field("created_at", .datetime)
            .field("decided_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("change_requests").delete()
    }
}
