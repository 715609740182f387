import Fluent

/// What the province's overview filters on, as plain columns both databases index: the
/// applicant's division and the ticked fields (`,advancedManufacturing,newEnergy,`).
struct M012_AddApplicationFilters: AsyncMigration {
    var name: String { "M012_AddApplicationFilters" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds only one at a time.
        try await database.schema("applications").field("division_code", .string).update()
        try await database.schema("applications").field("fields_index", .string).update()
        try await database.index("ix_applications_division_code", on: "applications", "division_code")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("applications").deleteField("fields_index").update()
        try await database.schema("applications").deleteField("division_code").update()
    }
}
