import Fluent
import Foundation
import SQLKit
import ShenbaoCore

/// Optimistic locking for rows with a `version` column: inside the writer's transaction, moves
/// the version on only if nobody else did first. The second of two clicks, tabs or clerks gets a
/// clear 409 instead of overwriting what the first one did. `setting` adds columns to change in
/// the same statement, so a write that is only this row needs no transaction around it;
/// `returning` what the claimed row's statement should answer besides.
enum VersionClaim {
    @discardableResult
    static func claim(
        _ table: String, id: UUID, previousVersion: Int, on db: any Database, message: String,
        returning: String = #""id""#, setting: (SQLUpdateBuilder) -> SQLUpdateBuilder = { $0 }
    ) async throws -> any SQLRow {
        let sql = try StaticSelect.sql(db)
        let row = try await setting(sql.update(table))
            .set("version", to: previousVersion + 1)
            .where("id", .equal, id)
            .where("version", .equal, previousVersion)
            .returning(SQLRaw(returning))
            .first()
        guard let row else { throw AppError(status: .conflict, code: .versionConflict, message: message) }
        return row
    }
}
