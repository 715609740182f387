import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The filters and paging of every application list (the API, "我的申报", the province's
/// overview, a recommender's inbox), checked once: a bad filter is a 422 naming it.
struct ApplicationQuery: Content {
    var status: String?
    var category: String?
    /// A city (市州) code: the applications of applicants in it or its counties.
    var city: String?
    var recommenderId: String?
    var field: String?
    var page: Int?
    var per: Int?

    struct Result {
        var items: [ApplicationSummary]
        var total: Int
        var page: Int
        var per: Int
        var pages: Int { max(1, (total + per - 1) / per) }
    }

    func run(for user: AuthenticatedUser, on db: any Database) async throws -> Result {
        var problems: [Problem] = []
        var query = try await ApplicationAccess.visible(to: user, on: db)
        if let raw = status, !raw.isEmpty {
            if let status = ApplicationStatus(rawValue: raw) {
                query = query.filter(\.$status == status)
            } else {
                problems.append(Problem(field: "status", code: "invalidValue", message: "状态 \(raw) 无法识别"))
            }
        }
        if let raw = category, !raw.isEmpty {
            if let category = ShenbaoCore.Category(rawValue: raw) {
                query = query.filter(\.$category == category)
            } else {
                problems.append(
                    Problem(field: "category", code: "invalidValue", message: "项目类别应为 conference 或 cooperation"))
            }
        }
        if let raw = city, !raw.isEmpty {
            if let division = DivisionCatalog.hunan.division(code: raw), division.level == .prefecture {
                query = query.filter(\.$divisionCode, .custom("LIKE"), String(raw.prefix(4)) + "%")
            } else {
                problems.append(Problem(field: "city", code: "invalidValue", message: "市州代码 \(raw) 无法识别"))
            }
        }
        if let raw = recommenderId, !raw.isEmpty {
            if let id = UUID(uuidString: raw) {
                query = query.filter(\.$recommender.$id == id)
            } else {
                problems.append(Problem(field: "recommenderId", code: "invalidValue", message: "推荐单位编号格式不正确"))
            }
        }
        if let raw = field, !raw.isEmpty {
            if raw.allSatisfy({ $0.isLetter && $0.isASCII }) {
                query = query.filter(\.$fieldsIndex, .custom("LIKE"), "%,\(raw),%")
            } else {
                problems.append(Problem(field: "field", code: "invalidValue", message: "领域代码 \(raw) 无法识别"))
            }
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
        let rows = try await query.sort(\.$updatedAt, .descending).sort(\.$id, .descending)
            .range(((page - 1) * per)..<(page * per)).summaryRows()
        return Result(items: try await ApplicationList.summaries(rows, on: db), total: total, page: page, per: per)
    }
}
