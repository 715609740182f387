import Fluent
import Foundation
import ShenbaoCore

/// `/ranking`: the review's ranking by category (trimmed means, spread, finance's opinion, the
/// meeting's decision) for the province and finance, or why there is none yet.
struct RankingPage: Encodable {
    struct Category: Encodable {
        var label: String
        var rows: [Line]
        var fundedRange: String
    }

    /// A ranking row with its amounts and opinions in words, as a person reads them.
    struct Line: Encodable {
        var row: RankingService.Row
        var requestedWan: String
        var financeText: String
        var decisionText: String

        init(_ row: RankingService.Row) {
            self.row = row
            requestedWan = ChineseFormat.wan(row.requestedYuan)
            financeText = row.financeText
            decisionText = row.decisionText
        }
    }

    var callYear: Int
    var categories: [Category]
    var message: String?
    var isFinance: Bool
    var plan: ReviewPlanService.View?

    /// The ranking of `call` as `user` sees it; a review not yet ranked gives the reason instead.
    static func load(call: CallModel, for user: AuthenticatedUser, on db: any Database) async throws -> RankingPage {
        do {
            let ranking = try await RankingService(db: db).ranking(call: call)
            let categories = ShenbaoCore.Category.allCases.map { category in
                let funded = call.current.category(category)?.funded
                return Category(
                    label: FormTexts.categoryLabel(category),
                    rows: (ranking.byCategory[category] ?? []).map(Line.init),
                    fundedRange: funded.map { "\($0.min)–\($0.max)项" } ?? "")
            }
            return RankingPage(
                callYear: call.year, categories: categories, message: nil, isFinance: user.role == .finance,
                plan: try ReviewPlanService.view(call: call, plan: ranking.planModel))
        } catch let error as AppError where error.status == .conflict {
            return RankingPage(
                callYear: call.year, categories: [], message: error.message, isFinance: user.role == .finance, plan: nil
            )
        }
    }
}
