import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's `/admin/recommenders`: every recommender, filtered by kind and state, with the
/// form adding one and the form importing a list.
struct RecommenderListPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("admin", "recommenders", use: page)
        province.post("admin", "recommenders", use: create)
        province.on(.POST, "admin", "recommenders", "import", body: .collect(maxSize: "10mb"), use: importList)
    }

    func page(req: Request) async throws -> Response {
        try await render(req)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(RecommenderForm.self)
        do {
            let organization = try await RecommenderAdmin(request: req).create(form)
            return req.redirect(to: "/admin/recommenders/\(try organization.requireID().uuidString)?done=created")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, form: form, problems: error.problems, status: .unprocessableEntity)
        }
    }

    func importList(req: Request) async throws -> Response {
        do {
            let (data, name) = try RecommenderAdminAPIController.importFile(req)
            let result = try await RecommenderImport(request: req).run(data: data, fileName: name)
            return try await render(req, imported: result)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, importProblems: error.problems, status: .unprocessableEntity)
        }
    }

    private func render(
        _ req: Request, form: RecommenderForm = .init(), problems: [Problem] = [], importProblems: [Problem] = [],
        imported: RecommenderImport.Result? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        // A bad filter on the page shows everything rather than an error page.
        let filter = (try? RecommendersController.filter(from: req)) ?? .init()
        let page = try await RecommenderListPage.load(
            filter: filter, form: form, problems: problems, importProblems: importProblems, imported: imported,
            now: req.now, on: req.db)
        return try await req.renderPage(.adminRecommenders, title: "推荐单位", page, status: status)
    }

    /// How many undecided applications name each recommender, from two small columns.
    static func heldCounts(on db: any Database) async throws -> [UUID: Int] {
        let rows = try await ApplicationModel.query(on: db).filter(\.$status ~~ ApplicationStatus.onTheChain)
            .field(\.$id).field(\.$holder.$id).field(\.$recommender.$id).all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            for id in Set([row.$holder.id, row.$recommender.id].compactMap { $0 }) { counts[id, default: 0] += 1 }
        }
        return counts
    }
}

/// The division choices of a recommender form: each city, then its counties.
enum RecommenderDivisions {
    struct Group: Encodable {
        var label: String
        var options: [Option]
    }

    static func groups(catalog: DivisionCatalog = .hunan) -> [Group] {
        catalog.prefectures.map { city in
            Group(
                label: city.name,
                options: [Option(code: city.code, label: city.name + "（市州）")]
                    + catalog.children(of: city.code).map { Option(code: $0.code, label: city.name + " " + $0.name) })
        }
    }

    /// `长沙市 岳麓区`, the code itself outside Hunan, empty without one.
    static func place(_ code: String?) -> String {
        guard let code else { return "" }
        return DivisionCatalog.hunan.displayName(code: code) ?? code
    }
}
