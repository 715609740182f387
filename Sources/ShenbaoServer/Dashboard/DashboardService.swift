import Fluent
import Foundation
import ShenbaoCore

/// Loads the applications of a call a user may count and asks Core for the dashboard.
///
/// The province and finance count every submitted application; a recommender counts those on
/// its own chain, exactly the ones its lists show (ApplicationAccess.visible). Drafts are left
/// out for everyone, returned ones included: they are back with their applicants.
struct DashboardService {
    let db: any Database

    struct Result {
        var call: CallModel
        /// Whose applications were counted, as the page says it.
        var scopeLabel: String
        var isProvinceWide: Bool
        var dashboard: Dashboard
    }

    /// Rows are read this many at a time, so a call of any size is counted in bounded memory.
    static let batchSize = 500

    func dashboard(for user: AuthenticatedUser, callId: String?) async throws -> Result {
        guard [.province, .finance, .recommender].contains(user.role) else { throw AppError.forbidden }
        let call = try await Self.call(callId, on: db)
        let query = try await ApplicationAccess.visible(to: user, on: db)
            .filter(\.$call.$id == call.requireID()).filter(\.$status != .draft)
        var reader = DashboardInputReader(db: db)
        var inputs: [DashboardInput] = []
        var after: UUID?
        while true {
            var batch = query.copy().sort(\.$id).limit(Self.batchSize)
            if let after { batch = batch.filter(\.$id > after) }
            let rows = try await batch.all()
            inputs += try await reader.inputs(for: rows)
            guard rows.count == Self.batchSize, let last = rows.last?.id else { break }
            after = last
        }
        let isProvinceWide = user.role != .recommender
        var scopeLabel = "全省已提交的申报书"
        if !isProvinceWide, let mine = user.organizationID,
            let organization = try await OrganizationModel.find(mine, on: db)
        {
            scopeLabel = "\(organization.name)推荐链上的申报书"
        }
        return Result(
            call: call, scopeLabel: scopeLabel, isProvinceWide: isProvinceWide,
            dashboard: Dashboard(inputs, call: call.current))
    }

    /// The call asked for by id or year, or the latest one.
    static func call(_ raw: String?, on db: any Database) async throws -> CallModel {
        if let raw, !raw.isEmpty { return try await CallQuery.find(raw, on: db) }
        guard let call = try await CallModel.latest(on: db) else { throw AppError.notFound("年度申报指南") }
        return call
    }
}
