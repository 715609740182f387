import Fluent
import Foundation
import ShenbaoCore

/// `/admin/audit` (审计日志): the security trail for the audit administrator, filtered and paged,
/// and, when asked, the check of both hash chains.
struct AuditPage: Encodable {
    var events: AuditController.Events
    var filter: AuditController.Filter
    var actions: [Option]
    var verification: AuditController.Verification?
    var previous: String?
    var next: String?

    /// The lines `filter` finds, newest first; `verify` also checks the chains.
    static func load(filter: AuditController.Filter, verify: Bool = false, on db: any Database) async throws
        -> AuditPage
    {
        let events = try await AuditController.events(filter, on: db)
        func link(_ page: Int) -> String {
            var items = [URLQueryItem(name: "page", value: String(page))]
            if !filter.action.isEmpty { items.append(URLQueryItem(name: "action", value: filter.action)) }
            if !filter.q.isEmpty { items.append(URLQueryItem(name: "q", value: filter.q)) }
            var components = URLComponents()
            components.path = "/admin/audit"
            components.queryItems = items
            return components.string ?? "/admin/audit"
        }
        return AuditPage(
            events: events, filter: filter,
            actions: AuditAction.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            verification: verify ? try await AuditController.verify(on: db) : nil,
            previous: filter.page > 1 ? link(filter.page - 1) : nil,
            next: filter.page * filter.per < events.total ? link(filter.page + 1) : nil)
    }
}
