import Fluent
import SQLKit

/// The last day of the 补正 period a return for revision gives the applicant (`YYYY-MM-DD`, a
/// Beijing-time day): within it the returned application may be submitted again although the
/// call's deadline has passed (CorrectionPeriod).
struct M028_AddCorrectionPeriod: AsyncMigration {
    var name: String { "M028_AddCorrectionPeriod" }

    func prepare(on database: any Database) async throws {
        try await database.schema("applications").field("correction_ends_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        // Raw: Fluent's SQLite dialect does not emit DROP COLUMN (SQLite has had it since 3.35).
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE applications DROP COLUMN correction_ends_on").run()
    }
}
