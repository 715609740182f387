import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The calls, public to everyone: the API and the home page that shows the current call's guide.
struct CallsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "calls", use: list)
        routes.get("api", "v1", "calls", ":callId", use: show)
        routes.get(use: home)
        routes.get("calls", ":callId", use: callPage)
    }

    func list(req: Request) async throws -> [CallDTO] {
        var query = CallModel.query(on: req.db).sort(\.$year, .descending)
        if !CallQuery.seesDrafts(req) { query = query.filter(\.$phase != .draft) }
        return try await query.all().map(CallDTO.init)
    }

    func show(req: Request) async throws -> CallDTO {
        try CallDTO(try await CallQuery.visible(req))
    }

    func home(req: Request) async throws -> Response {
        let page = try await HomePage.load(
            call: CallChoice.chosenIfAny(req), loggedOut: req.query[String.self, at: "loggedOut"] != nil)
        return try await req.renderPage(.home, title: page.call?.title ?? "首页", page)
    }

    func callPage(req: Request) async throws -> Response {
        let call = try await CallQuery.visible(req)
        return try await req.renderPage(.home, title: call.title, HomePage(call: try CallPage(call), loggedOut: false))
    }
}
