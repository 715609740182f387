import Fluent
import Foundation
import SQLKit
import ShenbaoCore

/// At most `limit` uses of one key (an address) within `window`, held under parallel requests
/// and across instances.
///
/// A count read before the write lets every request of a burst see the same count: thirty
/// objections sent at once from one address were all accepted against a limit of five. Here the
/// count and the reservation it allows are one transaction, alone for its key (TransactionLock):
/// exactly `limit` of a burst pass, on SQLite and PostgreSQL, on every instance.
struct RateLimit: Sendable {
    /// What the allowance is for (`registration`, `objection`).
    let bucket: String
    let limit: Int
    let window: TimeInterval
    /// The 429's code and message, in Chinese.
    let code: ErrorCode
    let message: String

    /// Reserves one use of `key`'s allowance or throws a 429. Give it back with `release` when
    /// the work it was reserved for fails. `now` is the caller's clock: `SecurityClock.now` for
    /// what guards accounts (registration, password links), the application's for the public's
    /// objections, counted on the clock their receipt and the notice period are judged by.
    @discardableResult
    func reserve(_ key: String, now: Date, on db: any Database) async throws -> UUID {
        let id = UUID()
        let since = now.addingTimeInterval(-window)
        let (bucket, limit) = (bucket, limit)
        let reserved = try await db.transaction { db in
            try await TransactionLock.hold("rate:\(bucket):\(key)", on: db)
            let sql = try StaticSelect.sql(db)
            let row = try await sql.raw(
                """
                SELECT COUNT(*) AS "uses" FROM "rate_reservations"
                WHERE "bucket" = \(bind: bucket) AND "key" = \(bind: key) AND "reserved_at" > \(bind: since)
                """
            ).first()
            guard try row?.decode(column: "uses", as: Int.self) ?? 0 < limit else { return false }
            try await sql.insert(into: "rate_reservations").columns("id", "bucket", "key", "reserved_at")
                .values(SQLBind(id), SQLBind(bucket), SQLBind(key), SQLBind(now)).run()
            return true
        }
        guard reserved else { throw AppError(status: .tooManyRequests, code: code, message: message) }
        // Old reservations of every key expire here, where the table grows.
        try await StaticSelect.sql(db).delete(from: "rate_reservations").where("bucket", .equal, bucket)
            .where("reserved_at", .lessThan, since).run()
        return id
    }

    /// Gives a reservation back: the work it allowed did not happen.
    func release(_ id: UUID, on db: any Database) async throws {
        try await StaticSelect.sql(db).delete(from: "rate_reservations").where("id", .equal, id).run()
    }
}
