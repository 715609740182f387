import Fluent
import Foundation
import ShenbaoCore

/// `/meeting`: the meeting's page — the ranking by category with the system's suggestion and its
/// reasons, the decisions as the meeting takes them, the warnings, and the minutes' confirmation.
struct MeetingPage: Encodable {
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

    /// The meeting of `call` for the province `user`: the recorded decisions, or the suggestion
    /// (when none is recorded, or `useSuggestion`), or what was typed (`entered`) with its problems.
    static func load(
        call: CallModel, by user: AuthenticatedUser, flash: String? = nil, problems: [Problem] = [],
        entered: [UUID: (Bool, String)]? = nil, useSuggestion: Bool = false, config: Config, on db: any Database
    ) async throws -> MeetingPage {
        let service = SelectionService(db: db, user: user, config: config)
        let ranking: RankingService.Result
        do {
            ranking = try await RankingService(db: db).ranking(call: call)
        } catch let error as AppError {
            return MeetingPage(
                callYear: call.year, groups: [], message: error.message, recorded: false, canDecide: false,
                phaseHint: nil,
                confirmed: false,
                fundedCount: 0, totalWan: "0", totalBudgetWan: "0", warnings: [], problems: problems, flash: flash)
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
        return MeetingPage(
            callYear: call.year, groups: groups, message: nil, recorded: !decisions.decisions.isEmpty,
            canDecide: PhaseGate.allows(.confirmMinutes, in: call.phase),
            phaseHint: decisions.confirmed ? nil : PhaseGate.refusal(.confirmMinutes, in: call.phase)?.message,
            confirmed: decisions.confirmed, fundedCount: decisions.fundedCount,
            totalWan: ChineseFormat.wan(decisions.totalYuan),
            totalBudgetWan: ChineseFormat.wan(ranking.bounds.totalBudgetYuan),
            warnings: decisions.decisions.isEmpty ? suggestion.warnings : decisions.warnings, problems: problems,
            flash: flash)
    }
}
