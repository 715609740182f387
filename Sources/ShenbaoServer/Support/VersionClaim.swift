import Fluent
import Foundation
import SQLKit

/// Optimistic locking for rows with a `version` column: inside the writer's transaction, moves
/// the version on only if nobody else did first. The second of two clicks, tabs or clerks gets a
/// clear 409 instead of overwriting what the first one did.
enum VersionClaim {
    static func claim(
        _ table: String, id: UUID, previousVersion: Int, on db: any Database, message: String
    ) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let rows = try await sql.update(table)
            .set("version", to: previousVersion + 1)
            .where("id", .equal, id)
            .where("version", .equal, previousVersion)
            .returning("id")
            .all()
        guard rows.count == 1 else {
            throw AppError(status: .conflict, code: "versionConflict", message: message)
        }
    }
}
