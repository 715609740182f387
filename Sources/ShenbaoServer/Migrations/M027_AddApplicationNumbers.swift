import Fluent
import SQLKit

/// The application number (申报编号), given at the first submission: a column on the
/// application, unique within its call, and one counter per call and category that only grows,
/// so a number is never given twice even when its application is withdrawn.
struct M027_AddApplicationNumbers: AsyncMigration {
    var name: String { "M027_AddApplicationNumbers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("applications").field("number", .string).update()
        if let sql = database as? any SQLDatabase {
            // NULLs are distinct on both databases: drafts without a number don't collide.
            try await sql.create(index: "ux_applications_call_number").unique().on("applications")
                .column("call_id").column("number").run()
        }
        try await database.schema("application_numbers")
            .field("call_id", .uuid, .required, .references("calls", "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("last", .int, .required)
            .compositeIdentifier(over: "call_id", "category")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_numbers").delete()
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "ux_applications_call_number").run()
        }
        try await database.schema("applications").deleteField("number").update()
    }
}
