import Fluent
import Foundation
import ShenbaoCore

/// `/applications`: the applications a person may see ("我的申报" for an applicant), filtered,
/// sorted by a column and paged, with the province's and finance's spreadsheet link.
struct ApplicationListPage: Encodable {
    struct PageLink: Encodable {
        var number: Int
        var href: String
        var current: Bool
    }
    /// A column head: a link that sorts by it (again: the other way), marked when it is the sort.
    struct Column: Encodable {
        var label: String
        var href: String?
        /// `ascending` or `descending` for the column sorted by, for aria-sort.
        var sorted: String?
    }
    var applications: [ApplicationSummary]
    var columns: [Column]
    var canCreate: Bool
    /// The calls an applicant may start a draft in now: more than one when another programme of
    /// the association is open at the same time.
    var openCalls: [OpenCall]
    var categories: [Option]
    var showFilters: Bool
    var filter: ApplicationQuery
    var statuses: [Option]
    var cities: [Option]
    var recommenders: [Option]
    var fields: [Option]
    var total: Int
    var pages: [PageLink]
    /// The province's and finance's spreadsheet of the whole call; nil for others.
    var exportLink: String?
    var exportAction: String?

    struct OpenCall: Encodable {
        var id: String
        var title: String
    }

    /// What `filter` finds among the applications `user` may see; `call` is the chosen one
    /// (CallChoice), whose fields and spreadsheet the desks' list offers.
    static func load(for user: AuthenticatedUser, filter: ApplicationQuery, call: CallModel?, on db: any Database)
        async throws -> ApplicationListPage
    {
        let result = try await filter.run(for: user, within: try call?.requireID(), on: db)
        let openCalls =
            user.role == .applicant
            ? try await CallModel.query(on: db).filter(\.$phase == .open).sort(\.$year, .descending)
                .sort(\.$createdAt).all().map { OpenCall(id: try $0.requireID().uuidString, title: $0.title) } : []
        var links: [ApplicationListPage.PageLink] = []
        if result.pages > 1 {
            for number in 1...result.pages {
                links.append(
                    .init(number: number, href: filter.href(["page": String(number)]), current: number == result.page))
            }
        }
        let heads: [(String, ApplicationQuery.SortKey?)] = [
            ("申报编号", .number), ("项目名称", .project), ("类别", .category), ("申报单位", nil), ("申请金额", .requested),
            ("状态", .status), ("当前办理单位", nil), ("更新时间", .updated),
        ]
        let columns = heads.map { label, key -> ApplicationListPage.Column in
            guard let key else { return .init(label: label, href: nil, sorted: nil) }
            let current = filter.sort == key.rawValue
            let descending = current && filter.dir == "desc"
            return .init(
                label: label,
                href: filter.href(["sort": key.rawValue, "dir": current && !descending ? "desc" : nil, "page": nil]),
                sorted: current ? (descending ? "descending" : "ascending") : nil)
        }
        return ApplicationListPage(
            applications: result.items, columns: columns, canCreate: user.role == .applicant,
            openCalls: openCalls,
            categories: ShenbaoCore.Category.allCases.map {
                Option(code: $0.rawValue, label: FormTexts.categoryLabel($0))
            },
            showFilters: user.role != .applicant, filter: filter,
            statuses: ApplicationStatus.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            cities: DivisionCatalog.hunan.prefectures.map { Option(code: $0.code, label: $0.name) },
            recommenders: [.province, .finance].contains(user.role)
                ? try await OrganizationModel.query(on: db).filter(\.$kind == .recommender).sort(\.$divisionCode)
                    .all().map { Option(code: try $0.requireID().uuidString, label: $0.name) } : [],
            fields: call?.current.categories.first?.fields.filter { $0.code != "other" } ?? [],
            total: result.total, pages: links,
            exportLink: [.province, .finance].contains(user.role)
                ? try call.map { "/api/v1/calls/\(try $0.requireID().uuidString)/applications.xlsx" } : nil)
    }
}
