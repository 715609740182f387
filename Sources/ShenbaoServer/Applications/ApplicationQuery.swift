import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The filters and paging of every application list (the API, "我的申报", the province's
/// overview, a recommender's inbox), checked once: a bad filter is a 422 naming it.
struct ApplicationQuery: Content {
    /// A call, by its id or year: its applications only (the desks' lists are per call).
    var call: String?
    var status: String?
    var category: String?
    /// A city (市州) code: the applications of applicants in it or its counties.
    var city: String?
    var recommenderId: String?
    var field: String?
    /// A keyword found in the project's name, the applicant's name or the application number.
    var q: String?
    /// A column to sort by (`SortKey`), `desc` for the other direction.
    var sort: String?
    var dir: String?
    var page: Int?
    var per: Int?

    struct Result {
        var items: [ApplicationSummary]
        var total: Int
        var page: Int
        var per: Int
        var pages: Int { max(1, (total + per - 1) / per) }
    }

    /// The applications `user` may see that the filters find, in the call `callID` (a desk's
    /// chosen call, CallChoice) when given.
    func run(for user: AuthenticatedUser, within callID: UUID? = nil, on db: any Database) async throws -> Result {
        var problems: [Problem] = []
        var query = try await ApplicationAccess.visible(to: user, on: db)
        if let callID { query = query.filter(\.$call.$id == callID) }
        if let raw = call, !raw.isEmpty {
            // An id is 36 characters, a year 4: a longer value is no call and reaches no query.
            if raw.count <= 36, let found = try await CallQuery.lookup(raw, on: db) {
                query = query.filter(\.$call.$id == (try found.requireID()))
            } else {
                problems.append(Problem(field: "call", code: .invalidValue, message: "申报指南无法识别：应为年度（如2025）或编号"))
            }
        }
        if let raw = status, !raw.isEmpty {
            if let status = ApplicationStatus(rawValue: raw) {
                query = query.filter(\.$status == status)
            } else {
                problems.append(Problem(field: "status", code: .invalidValue, message: "状态 \(raw) 无法识别"))
            }
        }
        if let raw = category, !raw.isEmpty {
            if let category = ShenbaoCore.Category(rawValue: raw) {
                query = query.filter(\.$category == category)
            } else {
                problems.append(
                    Problem(field: "category", code: .invalidValue, message: "项目类别应为 conference 或 cooperation"))
            }
        }
        if let raw = city, !raw.isEmpty {
            if let division = DivisionCatalog.hunan.division(code: raw), division.level == .prefecture {
                query = query.filter(\.$divisionCode, .custom("LIKE"), String(raw.prefix(4)) + "%")
            } else {
                problems.append(Problem(field: "city", code: .invalidValue, message: "市州代码 \(raw) 无法识别"))
            }
        }
        if let raw = recommenderId, !raw.isEmpty {
            if let id = UUID(uuidString: raw) {
                query = query.filter(\.$recommender.$id == id)
            } else {
                problems.append(Problem(field: "recommenderId", code: .invalidValue, message: "推荐单位编号格式不正确"))
            }
        }
        if let raw = field, !raw.isEmpty {
            if raw.allSatisfy({ $0.isLetter && $0.isASCII }) {
                query = query.filter(\.$fieldsIndex, .custom("LIKE"), "%,\(raw),%")
            } else {
                problems.append(Problem(field: "field", code: .invalidValue, message: "领域代码 \(raw) 无法识别"))
            }
        }
        if let raw = q?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if raw.count > 50 {
                problems.append(Problem(field: "q", code: .tooLong, message: "关键词最多50字，现为\(raw.count)字"))
            } else {
                // LIKE's own wildcards are taken as text, so a keyword matches only itself.
                let keyword = raw.filter { $0 != "%" && $0 != "_" && $0 != "\\" }
                let pattern = "%" + keyword + "%"
                let organizations = try await OrganizationModel.query(on: db).filter(\.$name, .custom("LIKE"), pattern)
                    .limit(500).all(\.$id)
                query = query.group(.or) { group in
                    // Only wildcards typed: nothing is their match.
                    guard !keyword.isEmpty else {
                        group.filter(\.$id == UUID())
                        return
                    }
                    group.filter(\.$projectName, .custom("LIKE"), pattern).filter(\.$number, .custom("LIKE"), pattern)
                    if !organizations.isEmpty { group.filter(\.$organization.$id ~~ organizations) }
                }
            }
        }
        let sortKey = sort.flatMap { $0.isEmpty ? nil : $0 }.map(SortKey.init(rawValue:))
        if case .some(nil) = sortKey {
            problems.append(Problem(field: "sort", code: .invalidValue, message: "排序列 \(sort ?? "") 无法识别"))
        }
        let per = per ?? 50
        let page = page ?? 1
        // Bounded before page × per is computed: a page near Int.max once stopped the server.
        if let problem = InputBounds.problem(per, in: InputBounds.perPage, field: "per", label: "每页条数", unit: "条") {
            problems.append(problem)
        }
        if let problem = InputBounds.problem(page, in: InputBounds.page, field: "page", label: "页码") {
            problems.append(problem)
        }
        if !problems.isEmpty { throw AppError.validation(problems) }
        let total = try await query.copy().count()
        // Both descending, as the index (status, category, updated_at, id) reads backwards:
        // a mixed direction made SQLite sort every page in a temporary tree.
        let direction: DatabaseQuery.Sort.Direction = dir == "desc" ? .descending : .ascending
        switch sortKey ?? nil {
        case .number?: query = query.sort(\.$number, direction)
        case .project?: query = query.sort(\.$projectName, direction)
        case .category?: query = query.sort(\.$category, direction)
        case .requested?: query = query.sort(\.$requestedYuan, direction)
        case .status?: query = query.sort(\.$status, direction)
        case .updated?: query = query.sort(\.$updatedAt, direction)
        case nil: query = query.sort(\.$updatedAt, .descending)
        }
        let rows = try await query.sort(\.$id, .descending)
            .range(((page - 1) * per)..<(page * per)).summaryRows()
        return Result(items: try await ApplicationList.summaries(rows, on: db), total: total, page: page, per: per)
    }
}

extension ApplicationQuery {
    /// The columns a list can be sorted by: those stored on the application itself.
    enum SortKey: String, CaseIterable {
        case number, project, category, requested, status, updated
    }

    /// The query string of this list with `changes` applied, for the pager and the column heads.
    func href(_ changes: [String: String?] = [:]) -> String {
        var items: [(String, String?)] = [
            ("call", call), ("q", q), ("status", status), ("category", category), ("city", city),
            ("recommenderId", recommenderId),
            ("field", field), ("sort", sort), ("dir", dir), ("page", page.map(String.init)),
        ]
        for (index, item) in items.enumerated() where changes.keys.contains(item.0) {
            items[index].1 = changes[item.0] ?? nil
        }
        let encoded = items.compactMap { key, value in
            value.flatMap {
                $0.isEmpty ? nil : "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }
        }
        return "/applications" + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
    }
}
