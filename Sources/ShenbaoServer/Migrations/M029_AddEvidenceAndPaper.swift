import Fluent

/// Evidence named for the priority condition it proves, and the paper the province counts at
/// intake (copies of the form and non-confidentiality certificates).
struct M029_AddEvidenceAndPaper: AsyncMigration {
    var name: String { "M029_AddEvidenceAndPaper" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("attachments").field("condition_code", .string).update()
        try await database.schema("opinions").field("paper_copies_received", .int).update()
        try await database.schema("opinions").field("certificates_received", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("opinions").deleteField("certificates_received").update()
        try await database.schema("opinions").deleteField("paper_copies_received").update()
        try await database.schema("attachments").deleteField("condition_code").update()
    }
}
