import Vapor

/// `/workspace`: where each role lands after login, showing its organisation and what it can do.
struct WorkspaceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignedIn()).get("workspace", use: show)
    }

    func show(req: Request) async throws -> Response {
        let page = try await WorkspacePage.load(
            for: try req.requireUser(), call: CallChoice.chosenIfAny(req),
            registered: req.query[String.self, at: "registered"] != nil,
            passwordSet: req.query[String.self, at: "passwordSet"] != nil, on: req.db)
        return try await req.renderPage(.workspaceShow, title: "工作台", page)
    }
}
