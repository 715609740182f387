import Fluent
import SQLKit

/// The uses of per-address allowances (registrations, objections), counted in the database so
/// that every instance sees the same count; see RateLimit.
struct M022_CreateRateReservations: AsyncMigration {
    var name: String { "M022_CreateRateReservations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("rate_reservations")
            .id()
            .field("bucket", .string, .required)
            .field("key", .string, .required)
            .field("reserved_at", .datetime, .required)
            .create()
        // Every reservation counts the bucket's recent uses of its key.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "ix_rate_reservations_key").on("rate_reservations")
                .column("bucket").column("key").column("reserved_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_reservations").delete()
    }
}
