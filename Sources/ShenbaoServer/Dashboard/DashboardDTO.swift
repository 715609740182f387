import Foundation
import ShenbaoCore
import Vapor

/// `GET /api/v1/dashboard`: the counts of one call as the user may see them. Amounts are integer
/// yuan, as everywhere in the API.
struct DashboardDTO: Content {
    var callId: UUID
    var callYear: Int
    /// `province` (every submitted application) or `recommender` (its own chain).
    var scope: String
    var scopeLabel: String
    var applications: Int
    var requestedYuan: Int
    var fundedYuan: Int
    var groups: [Dashboard.Group]
    var funnel: [Dashboard.Stage]
    /// The call's choice questions the figures can be filtered by (`q.<code>=<option>`), each
    /// with its options and the one filtered by now.
    var filters: [DashboardFilter.Offer]

    init(_ result: DashboardService.Result) throws {
        callId = try result.call.requireID()
        callYear = result.call.year
        scope = result.isProvinceWide ? "province" : "recommender"
        scopeLabel = result.scopeLabel
        applications = result.dashboard.applications
        requestedYuan = result.dashboard.requestedYuan
        fundedYuan = result.dashboard.fundedYuan
        groups = result.dashboard.groups
        funnel = result.dashboard.funnel
        filters = result.dashboard.filters
    }
}
