import Fluent
import SQLKit

/// An expert's own maximum number of reviews (评审数量上限), overriding the review plan's. The
/// plan's maximum lives in its JSON document and needs no column. Existing experts start
/// without one: the plan's applies.
struct M034_AddExpertMaxReviews: AsyncMigration {
    var name: String { "M034_AddExpertMaxReviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema("experts").field("max_reviews", .int).update()
    }

    func revert(on database: any Database) async throws {
        // Raw: Fluent's SQLite dialect does not emit DROP COLUMN (SQLite has had it since 3.35).
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE experts DROP COLUMN max_reviews").run()
    }
}
