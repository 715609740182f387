import Fluent

/// The history of each review (every save that changed it, each submission and reopening, with
/// the version before and after) and the province's per-expert extensions of the review deadline.
struct M033_AddReviewHistoryAndExtensions: AsyncMigration {
    var name: String { "M033_AddReviewHistoryAndExtensions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("review_changes")
            .id()
            .field("review_id", .uuid, .required, .references("reviews", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("at", .datetime, .required)
            .field("before", .json)
            .field("after", .json, .required)
            .field("reason", .string)
            .create()
        try await database.index("ix_review_changes_review_id", on: "review_changes", "review_id")
        try await database.schema("review_extensions")
            .id()
            .field("call_id", .uuid, .required, .references("calls", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("deadline", .string, .required)
            .field("reason", .string, .required)
            .field("set_by", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "call_id", "expert_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("review_extensions").delete()
        try await database.schema("review_changes").delete()
    }
}
