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

    struct Line: Encodable {
        var id: String
        var rank: Int
        /// 申报编号.
        var number: String
        var projectName: String
        var organizationName: String
        var score: Double
        var spread: Int
        var requestedWan: String
        var financeText: String
        var statusLabel: String
        var reason: String
        var funded: Bool
        /// The amount in 万元 as the meeting typed it (kept as typed when it has a problem).
        var amountWan: String
    }

    struct Group: Encodable {
        var label: String
        var fundedRange: String
        var amountRange: String
        var lines: [Line]
    }

    struct Page: Encodable {
        var callYear: Int
        var groups: [Group]
        var message: String?
        var recorded: Bool
        /// Decisions are recorded and the minutes confirmed in 会议审议 only.
        var canDecide: Bool
        var phaseHint: String?
        var confirmed: Bool
        var fundedCount: Int
        var totalWan: String
        var totalBudgetWan: String
        var warnings: [Problem]
        var problems: [Problem]
        var flash: String?
    }

    private func call(_ req: Request) async throws -> CallModel {
        guard let call = try await CallModel.latest(on: req.db) else { throw AppError.notFound("年度申报指南") }
        return call
    }

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
        let call = try await call(req)
        let service = SelectionService(db: req.db, user: try req.requireUser(), config: config)
        let ranking: RankingService.Result
        do {
            ranking = try await RankingService(db: req.db).ranking(call: call)
        } catch let error as AppError {
            let page = Page(
                callYear: call.year, groups: [], message: error.message, recorded: false, canDecide: false,
                phaseHint: nil,
                confirmed: false,
                fundedCount: 0, totalWan: "0", totalBudgetWan: "0", warnings: [], problems: problems, flash: flash)
            return try await req.renderPage(.reviewMeeting, title: "会议审议", page, status: status)
        }
        let suggestion = try await service.suggestion(call: call)
        let decisions = try await service.decisionsView(call: call)
        let suggested = Dictionary(
            suggestion.suggestions.map { ($0.applicationId, $0) }, uniquingKeysWith: { a, _ in a })
        let recorded = Dictionary(decisions.decisions.map { ($0.applicationId, $0) }, uniquingKeysWith: { a, _ in a })
        let fromSuggestion = useSuggestion || (decisions.decisions.isEmpty && entered == nil)
        let groups = ShenbaoCore.Category.allCases.map { category in
            let definition = call.current.category(category)
            return Group(
                label: FormTexts.categoryLabel(category),
                fundedRange: definition.map { "\($0.funded.min)–\($0.funded.max)项" } ?? "",
                amountRange: definition.map {
                    "\(ChineseFormat.wan($0.amountYuan.min))–\(ChineseFormat.wan($0.amountYuan.max))万元"
                } ?? "",
                lines: (ranking.byCategory[category] ?? []).map { row in
                    let suggestion = suggested[row.applicationId]
                    let wan = { (yuan: Int?) in yuan.map(ChineseFormat.wan) ?? "" }
                    let current: (Bool, String) =
                        entered?[row.applicationId]
                        ?? (fromSuggestion
                            ? (suggestion?.funded ?? false, wan(suggestion?.amountYuan))
                            : (
                                recorded[row.applicationId]?.funded ?? false,
                                wan(recorded[row.applicationId]?.amountYuan)
                            ))
                    return Line(
                        id: row.applicationId.uuidString, rank: row.rank, number: row.applicationNumber,
                        projectName: row.projectName,
                        organizationName: row.organizationName, score: row.score, spread: row.spread,
                        requestedWan: ChineseFormat.wan(row.requestedYuan), financeText: row.financeText,
                        statusLabel: row.statusLabel,
                        reason: suggestion?.reason ?? "", funded: current.0, amountWan: current.1)
                })
        }
        let page = Page(
            callYear: call.year, groups: groups, message: nil, recorded: !decisions.decisions.isEmpty,
            canDecide: PhaseGate.allows(.confirmMinutes, in: call.phase),
            phaseHint: decisions.confirmed ? nil : PhaseGate.refusal(.confirmMinutes, in: call.phase)?.message,
            confirmed: decisions.confirmed, fundedCount: decisions.fundedCount,
            totalWan: ChineseFormat.wan(decisions.totalYuan),
            totalBudgetWan: ChineseFormat.wan(ranking.bounds.totalBudgetYuan),
            warnings: decisions.decisions.isEmpty ? suggestion.warnings : decisions.warnings, problems: problems,
            flash: flash)
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
