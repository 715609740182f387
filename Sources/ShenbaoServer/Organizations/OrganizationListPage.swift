import Foundation
import ShenbaoCore

/// `/admin/organizations` (申报单位管理): the province's search of applicant organisations.
struct OrganizationListPage: Encodable {
    var query: String
    var organizations: [OrganizationSummary]
    var limit: Int
    var errors: [String: String]
    var problems: [Problem]

    /// The organisations `query` finds; a query the search refuses comes back shortened, with its problems.
    static func load(query: String, using service: OrganizationAdminService) async throws -> OrganizationListPage {
        var page = OrganizationListPage(
            query: query, organizations: [], limit: OrganizationAdminService.searchLimit, errors: [:], problems: [])
        do {
            page.organizations = try await service.search(query)
        } catch let error as AppError where !error.problems.isEmpty {
            page.query = String(query.prefix(OrganizationAdminService.queryLimit))
            page.problems = error.problems
            page.errors = FieldErrors.make(error.problems)
        }
        return page
    }
}
