import Fluent
import SQLKit
import ShenbaoCore

/// Gives an application its number (申报编号) at its first submission, inside the submission's
/// transaction.
///
/// The sequence is a counter row per call and category, raised by one UPDATE … RETURNING: the
/// row lock (PostgreSQL) or the single writer (SQLite) makes two submissions at the same moment
/// take two numbers, and a number once taken is never given again, even if its transaction's
/// application is later withdrawn. The unique index on (call_id, number) is the last guard.
enum ApplicationNumbering {
    static func assign(to application: ApplicationModel, year: Int, on db: any Database) async throws {
        guard application.number == nil else { return }
        let sql = try StaticSelect.sql(db)
        let callID = application.$call.id
        let category = application.category.rawValue
        try await sql.insert(into: "application_numbers").columns("call_id", "category", "last")
            .values(SQLBind(callID), SQLBind(category), SQLLiteral.numeric("0"))
            .ignoringConflicts(with: ["call_id", "category"])  // already there: nothing to do
            .run()
        let row = try await sql.update("application_numbers")
            .set(SQLIdentifier("last"), to: SQLRaw("\"last\" + 1"))
            .where("call_id", .equal, callID).where("category", .equal, category)
            .returning("last").first()
        let sequence = try row?.decode(column: "last", as: Int.self) ?? 1
        application.number =
            ApplicationNumber(year: year, category: application.category, sequence: sequence)
            .description
    }
}
