import Fluent
import Foundation
import SQLKit
import ShenbaoCore

/// Sanctions recorded before the Civil Code's counting (民法典 art. 201–202) ended a day early:
/// each stored last day is counted again from its decision, and each recommender's
/// `sanctioned_until` becomes the latest of its sanctions' last days.
struct M030_RecountSanctionLastDays: AsyncMigration {
    var name: String { "M030_RecountSanctionLastDays" }

    func prepare(on database: any Database) async throws {
        struct Row: Decodable {
            var id: UUID
            var organization_id: UUID
            var decided_on: String
        }
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            let rows = try await sql.select().columns("id", "organization_id", "decided_on").from("sanctions")
                .all(decoding: Row.self)
            var latest: [UUID: String] = [:]
            for row in rows {
                guard let decided = Day(row.decided_on) else { continue }
                let last = Sanction.lastDay(decidedOn: decided).description
                try await sql.update("sanctions").set("last_day", to: SQLBind(last)).where(
                    "id", .equal, SQLBind(row.id)
                )
                .run()
                latest[row.organization_id] = max(latest[row.organization_id] ?? last, last)
            }
            for (organization, last) in latest {
                try await sql.update("organizations").set("sanctioned_until", to: SQLBind(last))
                    .where("id", .equal, SQLBind(organization)).run()
            }
        }
    }

    /// Nothing to undo: the earlier count was the mistake.
    func revert(on database: any Database) async throws {}
}
