import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The meeting's page (`/meeting`): the ranking with the system's suggestion and its reasons,
/// the decisions as the meeting takes them, the warnings, and the confirmation of the minutes.
struct MeetingPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("meeting", use: page)
        province.post("meeting", "decisions", use: record)
        province.post("meeting", "confirm", use: confirm)
    }

    /// The call chosen above the page (CallChoice), the newest unless another was chosen.
    private func call(_ req: Request) async throws -> CallModel { try await CallChoice.chosen(req) }

    func page(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "record": "会议决定已保存。"
            case "confirm": "会议纪要已确认，项目已转为拟资助或不予资助。"
            default: nil
            }
        return try await render(
            req, flash: flash, problems: [], useSuggestion: req.query[String.self, at: "use"] == "suggestion")
    }

    func render(
        _ req: Request, flash: String?, problems: [Problem], entered: [UUID: (Bool, String)]? = nil,
        useSuggestion: Bool = false, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await MeetingPage.load(
            call: try await call(req), by: try req.requireUser(), flash: flash, problems: problems, entered: entered,
            useSuggestion: useSuggestion, config: config, on: req.db)
        return try await req.renderPage(.reviewMeeting, title: "会议审议", page, status: status)
    }

    struct DecisionForm: Content {
        var funded: [String: String]?
        var amount: [String: String]?
    }

    func record(req: Request) async throws -> Response {
        let call = try await call(req)
        let form = try req.content.decode(DecisionForm.self)
        let ranking = try await RankingService(db: req.db).ranking(call: call)
        var decisions: [SelectionService.Decision] = []
        var entered: [UUID: (Bool, String)] = [:]
        var problems: [Problem] = []
        for row in ranking.rows {
            let key = row.applicationId.uuidString
            let funded = form.funded?[key] != nil
            let raw = form.amount?[key]?.trimmingCharacters(in: .whitespaces) ?? ""
            // Amounts are typed in 万元 as everywhere on the pages; the service checks them against the call.
            var amount: Int?
            if funded, !raw.isEmpty {
                switch WanAmount.parse(
                    raw, within: InputBounds.amountYuan, field: "amount", label: "“\(row.projectName)”的资助金额")
                {
                case .yuan(let yuan): amount = yuan
                case .problem(let problem): problems.append(problem)
                }
            }
            entered[row.applicationId] = (funded, raw)
            decisions.append(.init(applicationId: row.applicationId, funded: funded, amountYuan: funded ? amount : nil))
        }
        guard problems.isEmpty else {
            return try await render(req, flash: nil, problems: problems, entered: entered, status: .unprocessableEntity)
        }
        do {
            _ = try await SelectionService(db: req.db, user: try req.requireUser(), config: config).record(
                call: call, decisions)
        } catch let error as AppError {
            return try await render(
                req, flash: nil,
                problems: error.pageProblems,
                entered: entered, status: error.status)
        }
        return req.redirect(to: "/meeting?done=record")
    }

    func confirm(req: Request) async throws -> Response {
        do {
            _ = try await SelectionService(db: req.db, user: try req.requireUser(), config: config).confirm(
                call: try await call(req))
        } catch let error as AppError {
            return try await render(
                req, flash: nil,
                problems: error.pageProblems,
                status: error.status)
        }
        return req.redirect(to: "/meeting?done=confirm")
    }
}
