import Vapor

/// `/workspace`: where each role lands after login, showing its organisation and what it can do.
struct WorkspaceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignedIn()).get("workspace", use: show)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let call = try await CallChoice.chosenIfAny(req)
        var page = try await WorkspacePage.load(
            for: user, call: call, registered: req.query[String.self, at: "registered"] != nil,
            passwordSet: req.query[String.self, at: "passwordSet"] != nil, on: req.db)
        if user.role == .province, let call {
            page.reports = try await WorkspaceReports.load(call: call, today: ChineseFormat.today(req.now), on: req.db)
        }
        return try await req.renderPage(.workspaceShow, title: "工作台", page)
    }
}
