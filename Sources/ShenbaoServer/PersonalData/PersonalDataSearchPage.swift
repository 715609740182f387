import Foundation
import ShenbaoCore

/// `/admin/personal-data`: the province's search for the records that hold a person's data, each
/// with how long it is kept, beside the privacy notices.
struct PersonalDataSearchPage: Encodable {
    var query: String
    var entries: [PersonalDataService.Entry]
    var retentionYears: Int
    var notices: [PrivacyNotice]
    var errors: [String: String]
    var problems: [Problem]

    /// The records `query` finds; a query the search refuses comes back shortened, with its problems.
    static func load(query: String, using service: PersonalDataService) async throws -> PersonalDataSearchPage {
        let retention = service.retention
        var page = PersonalDataSearchPage(
            query: query, entries: [], retentionYears: retention.years,
            notices: PrivacyNotice.all(retention: retention),
            errors: [:], problems: [])
        do {
            page.entries = try await service.search(query)
        } catch let error as AppError where !error.problems.isEmpty {
            page.query = String(query.prefix(OrganizationAdminService.queryLimit))
            page.problems = error.problems
            page.errors = FieldErrors.make(error.problems)
        }
        return page
    }
}
