import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ShenbaoCore

/// The guide of a call, decoded once per change instead of on every request.
///
/// A call's definition is a 13 KB JSON document; decoding it was a twentieth of the cost of
/// saving a draft. Each use still asks the database when the call last changed (a one-column
/// read), so an edit made through any instance is seen at once, on every instance.
enum CallDefinitionCache {
    private static let decoded = NIOLockedValueBox<[UUID: (changed: Date?, definition: CallDefinition)]>([:])

    /// The call's definition as Core sees it, or the 2025 guide when the call is gone.
    static func definition(of callID: UUID, on db: any Database) async throws -> CallDefinition {
        guard let sql = db as? any SQLDatabase,
            let row = try await sql.select().column("updated_at").from(CallModel.schema)
                .where("id", .equal, callID).first()
        else { return try await load(callID, on: db) }
        let changed = try row.decodeIfPresent(column: "updated_at", as: Date.self)
        return try await definition(of: callID, changed: changed, on: db)
    }

    /// The same, when the caller read the call's change stamp already (with its application).
    static func definition(of callID: UUID, changed: Date?, on db: any Database) async throws -> CallDefinition {
        // Off for the bench (BenchPiece): decoded on every use, as before.
        if !BenchPiece.callDefinitionCache.isOff, let hit = decoded.withLockedValue({ $0[callID] }),
            hit.changed == changed
        {
            return hit.definition
        }
        return try await load(callID, on: db)
    }

    private static func load(_ callID: UUID, on db: any Database) async throws -> CallDefinition {
        guard let call = try await CallModel.find(callID, on: db) else { return try CallDefinition.guide2025() }
        let definition = call.current
        decoded.withLockedValue { $0[callID] = (call.updatedAt, definition) }
        return definition
    }
}
