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
        guard let call = try await CallModel.latest(on: req.db) else {
            return try await req.renderPage(.home, title: "首页", HomePage(call: nil, loggedOut: false))
        }
        let page = HomePage(call: try CallPage(call), loggedOut: req.query[String.self, at: "loggedOut"] != nil)
        return try await req.renderPage(.home, title: call.title, page)
    }

    func callPage(req: Request) async throws -> Response {
        let call = try await CallQuery.visible(req)
        return try await req.renderPage(.home, title: call.title, HomePage(call: try CallPage(call), loggedOut: false))
    }

    struct HomePage: Encodable {
        var call: CallPage?
        var loggedOut: Bool
    }
}

/// The call as the public pages show it: amounts in 万元, dates in Chinese, the guide as paragraphs.
struct CallPage: Encodable {
    struct CategoryLine: Encodable {
        var label: String
        var funded: String
        var amount: String
        var cooperationContent: [String]
    }

    var id: String
    var year: Int
    var title: String
    var phaseLabel: String
    var isOpen: Bool
    /// The public notice has started (its page exists), and the funded list is published.
    var hasNotice: Bool
    var isPublished: Bool
    var deadline: String
    var totalFunded: String
    var categories: [CategoryLine]
    var fields: [String]
    var paragraphs: [String]
    var contact: CallContact
    var submission: SubmissionRequirements

    init(_ model: CallModel) throws {
        let call = model.current
        id = try model.requireID().uuidString
        year = call.year
        title = call.title
        phaseLabel = call.phase.label
        isOpen = call.phase == .open
        hasNotice = [.notice, .published, .closed].contains(call.phase)
        isPublished = [.published, .closed].contains(call.phase)
        deadline = call.deadline.map(ChineseFormat.dateTime) ?? "以省科协通知为准"
        totalFunded = "\(call.totalFunded.min)–\(call.totalFunded.max) 个"
        categories = call.categories.map {
            CategoryLine(
                label: $0.label, funded: "\($0.funded.min)–\($0.funded.max) 项",
                amount: "\(ChineseFormat.wan($0.amountYuan.min))–\(ChineseFormat.wan($0.amountYuan.max)) 万元/项",
                cooperationContent: $0.cooperationContent.map(\.label))
        }
        fields = call.categories.first?.fields.map(\.label) ?? []
        paragraphs = call.guideText.split(separator: "\n").map { String($0) }
        contact = call.contact
        submission = call.submission
    }
}
