import Fluent
import SQLKit

/// When the form's content last changed (not every save: a save of the same form leaves it), so
/// the form page can tell that an uploaded signed scan shows an older form (ApplicationStep).
/// Existing applications start without it: nothing is known to have changed after their scans.
struct M031_AddFormChangedAt: AsyncMigration {
    var name: String { "M031_AddFormChangedAt" }

    func prepare(on database: any Database) async throws {
        try await database.schema("applications").field("form_changed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        // Raw: Fluent's SQLite dialect does not emit DROP COLUMN (SQLite has had it since 3.35).
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE applications DROP COLUMN form_changed_at").run()
    }
}
