import Fluent
import SQLKit

/// The province keeps the registry over the years: an organisation registered by hand with a
/// code whose check character fails (and who allowed it, and why), the names an organisation had,
/// experts taken out of the pool, and the register of personal data erased when its retention
/// period passed.
struct M026_AddRegistryAdministration: AsyncMigration {
    var name: String { "M026_AddRegistryAdministration" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("organizations").field("uscc_exception_reason", .string).update()
        try await database.schema("organizations").field("uscc_exception_approved_by", .uuid).update()
        try await database.schema("organizations").field("uscc_exception_at", .datetime).update()

        try await database.schema("organization_name_changes")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("old_name", .string, .required)
            .field("new_name", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by_id", .uuid)
            .field("changed_by_name", .string, .required)
            .create()
        try await database.index(
            "ix_organization_name_changes_organization_id", on: "organization_name_changes", "organization_id")

        try await database.schema("experts").field("deactivated_at", .datetime).update()

        try await database.schema("personal_data_erasures")
            .id()
            .field("kind", .string, .required)
            .field("record_id", .uuid, .required)
            .field("erased_at", .datetime, .required)
            .field("erased_by_role", .string, .required)
            .unique(on: "kind", "record_id")
            .create()

        // A person's activity is found by its actor when their data is exported or its retention
        // period computed.
        try await database.index("ix_application_events_actor_id", on: "application_events", "actor_id")

        // An objection's network address was kept for the hourly limit, which RateLimit now
        // counts on its own: nothing needs the stored copy (个人信息保护法 §6, minimum necessary).
        if let sql = database as? any SQLDatabase {
            try await sql.update("objections").set("address", to: SQLBind("")).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("personal_data_erasures").delete()
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "ix_application_events_actor_id").run()
        }
        try await database.schema("experts").deleteField("deactivated_at").update()
        try await database.schema("organization_name_changes").delete()
        for field in ["uscc_exception_at", "uscc_exception_approved_by", "uscc_exception_reason"] {
            try await database.schema("organizations").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
