import Fluent

/// Opinions of recommenders (推荐/退回修改/不予推荐) and of the province's intake (受理/退回/不予受理),
/// each signed, dated and kept when an application is returned. Events name the organisation too.
struct M011_CreateOpinions: AsyncMigration {
    var name: String { "M011_CreateOpinions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("opinions")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("signer", .string, .required)
            .field("stage", .string, .required)
            .field("decision", .string, .required)
            .field("comment", .string, .required)
            .field("attested", .bool, .required)
            .field("forwarded_to", .uuid, .references("organizations", "id"))
            .field("checklist", .json)
            .field("paper_copies_received_on", .string)
            .field("created_at", .datetime)
            .create()
        try await database.index("ix_opinions_application_id", on: "opinions", "application_id")
        try await database.index("ix_opinions_organization_id", on: "opinions", "organization_id")
        try await database.schema("application_events").field("organization_name", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_events").deleteField("organization_name").update()
        try await database.schema("opinions").delete()
    }
}
