import Fluent
import Foundation
import SQLKit

/// The project name and requested amount as columns, filled from each stored form: a list page
/// then reads two small columns per row instead of decoding every form (the province's page of
/// 50 spent most of its time there).
struct M019_AddApplicationSummary: AsyncMigration {
    var name: String { "M019_AddApplicationSummary" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds only one at a time.
        try await database.schema("applications").field("project_name", .string).update()
        try await database.schema("applications").field("requested_yuan", .int64).update()
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            var after: UUID?
            while true {
                var page = ApplicationModel.query(on: db).field(\.$id).field(\.$form).sort(\.$id).limit(500)
                if let after { page = page.filter(\.$id > after) }
                let rows = try await page.all()
                for row in rows {
                    try await sql.update(ApplicationModel.schema)
                        .set("project_name", to: row.form.projectName)
                        .set("requested_yuan", to: row.form.requestedYuan)
                        .where("id", .equal, row.requireID())
                        .run()
                }
                guard rows.count == 500, let last = rows.last?.id else { break }
                after = last
            }
        }
    }

    func revert(on database: any Database) async throws {
        // Raw: Fluent's SQLite dialect does not emit DROP COLUMN (SQLite has had it since 3.35).
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE applications DROP COLUMN requested_yuan").run()
        try await sql.raw("ALTER TABLE applications DROP COLUMN project_name").run()
    }
}
