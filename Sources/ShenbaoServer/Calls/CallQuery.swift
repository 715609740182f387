import Fluent
import Vapor

/// Finding a call: by the path's id or year, as its visitor may see it. Every feature asks here
/// rather than another feature's controller.
enum CallQuery {
    /// Next year's call, copied in draft, is the province's until it opens: to anyone else it
    /// does not exist yet.
    static func seesDrafts(_ req: Request) -> Bool { req.currentUser?.role == .province }

    /// The call of the path's `callId`, as `find`, but a draft only for the province.
    static func visible(_ req: Request) async throws -> CallModel {
        let call = try await find(req.parameters.get("callId"), on: req.db)
        guard call.phase != .draft || seesDrafts(req) else { throw AppError.notFound("该年度申报指南") }
        return call
    }

    /// A call by its id or its year, or 404.
    static func find(_ raw: String?, on db: any Database) async throws -> CallModel {
        guard let found = try await lookup(raw, on: db) else { throw AppError.notFound("该年度申报指南") }
        return found
    }

    /// A call by its id, or by its year (`/api/v1/calls/2025`), which people remember; nil when
    /// there is none (a database that fails is an error, not "none").
    static func lookup(_ raw: String?, on db: any Database) async throws -> CallModel? {
        let raw = raw ?? ""
        if let id = UUID(uuidString: raw) { return try await CallModel.find(id, on: db) }
        if let year = Int(raw) { return try await CallModel.query(on: db).filter(\.$year == year).first() }
        return nil
    }
}
