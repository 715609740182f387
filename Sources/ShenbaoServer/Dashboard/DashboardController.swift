import Fluent
import ShenbaoCore
import Vapor

/// 统计: the dashboards of a call, as a page and as JSON. Same handler, same scoping: the province
/// and finance see the whole call, a recommender its own chain; applicants and experts are refused.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped(RequireRoles(.province, .finance, .recommender))
        people.get("dashboard", use: page)
        people.get("api", "v1", "dashboard", use: api)
    }

    static func query(_ req: Request) async throws -> DashboardService.Result {
        try await DashboardService(db: req.db).dashboard(
            for: try req.requireUser(), callId: req.query[String.self, at: "callId"],
            parameters: DashboardService.parameters(req.url.query))
    }

    func api(req: Request) async throws -> DashboardDTO {
        try DashboardDTO(try await Self.query(req))
    }

    func page(req: Request) async throws -> Response {
        let result = try await Self.query(req)
        let years = try await CallModel.query(on: req.db).sort(\.$year, .descending).all().map(\.year)
        return try await req.renderPage(
            .dashboardShow, title: "统计", DashboardPage(result, years: years))
    }
}
