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

    static func query(_ req: Request, callId: String?) async throws -> DashboardService.Result {
        try await DashboardService(db: req.db).dashboard(
            for: try req.requireUser(), callId: callId, parameters: DashboardService.parameters(req.url.query))
    }

    func api(req: Request) async throws -> DashboardDTO {
        try DashboardDTO(try await Self.query(req, callId: req.query[String.self, at: "callId"]))
    }

    func page(req: Request) async throws -> Response {
        // The page's call is the one chosen above it (CallChoice), like every desk's.
        let call = try await CallChoice.chosen(req)
        let result = try await Self.query(req, callId: try call.requireID().uuidString)
        return try await req.renderPage(.dashboardShow, title: "统计", try DashboardPage(result))
    }
}
