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

    /// `parameters` are the request's query items; the `q.…` ones filter by the call's choice
    /// questions (DashboardFilter), checked against the call before anything is counted.
    func dashboard(
        for user: AuthenticatedUser, callId: String?, parameters: [(name: String, value: String)] = []
    ) async throws -> Result {
        guard [.province, .finance, .recommender].contains(user.role) else { throw AppError.forbidden }
        let call = try await Self.call(callId, on: db)
        let (filter, problems) = DashboardFilter.parse(parameters, call: call.current)
        if !problems.isEmpty { throw AppError.validation(problems) }
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
            dashboard: Dashboard(inputs, call: call.current, filter: filter))
    }

    /// The call asked for by id or year, or the latest one.
    static func call(_ raw: String?, on db: any Database) async throws -> CallModel {
        if let raw, !raw.isEmpty { return try await CallQuery.find(raw, on: db) }
        guard let call = try await CallModel.latest(on: db) else { throw AppError.notFound("年度申报指南") }
        return call
    }

    /// The items of a raw query string, decoded, in their order: `q.format=online&q.lang=en`. The
    /// `q.` names carry a dot, which Vapor's form decoder would read as nesting.
    static func parameters(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        func decoded(_ raw: Substring) -> String {
            let spaced = raw.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }
}
