import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The ranking per category (评审排名) from the submitted reviews, with what the meeting reads
/// beside each score: the spread, finance's opinion and the meeting's decision so far.
struct RankingService {
    let db: any Database

    /// One ranked application, in the docs/api.md shape plus the explanation.
    struct Row: Content {
        var applicationId: UUID
        var rank: Int
        /// Rounded to two decimals.
        var score: Double
        var reviewCount: Int
        var reviews: Int
        var reviewScore: Double
        var bonus: Double
        var spread: Int
        /// The totals of the submitted reviews, highest first, so outliers are visible.
        var totals: [Int]
        var trimmed: Bool
        var priorityConditions: Int
        /// 申报编号.
        var applicationNumber: String
        var projectName: String
        var organizationName: String
        var category: String
        var status: String
        var statusLabel: String
        var requestedYuan: Int
        var expertsSuggestingFunding: Int
        var financeDecision: String?
        var financeAmountYuan: Int?
        var financeComment: String?
        var funded: Bool?
        var amountYuan: Int?
    }

    struct Result {
        var context: ReviewContext
        var planModel: ReviewPlanModel
        var byCategory: [ShenbaoCore.Category: [Row]]
        var finance: [UUID: FinanceOpinionModel]

        /// The docs/api.md shape: `{"conference": […], "cooperation": […]}`.
        var json: [String: [Row]] {
            Dictionary(uniqueKeysWithValues: ShenbaoCore.Category.allCases.map { ($0.rawValue, byCategory[$0] ?? []) })
        }

        var rows: [Row] { ShenbaoCore.Category.allCases.flatMap { byCategory[$0] ?? [] } }

        /// The Core candidates of the selection: the ranked applications with requests and caps.
        var candidates: [Selection.Candidate] {
            rows.compactMap { row in
                guard let category = ShenbaoCore.Category(rawValue: row.category) else { return nil }
                return Selection.Candidate(
                    applicationID: row.applicationId, category: category, rank: row.rank,
                    scoreHundredths: Int((row.score * 100).rounded()), requestedYuan: row.requestedYuan,
                    financeCapYuan: finance[row.applicationId]?.capYuan)
            }
        }

        var bounds: Selection.Bounds {
            Selection.Bounds(call: context.call.current, totalBudgetYuan: context.plan.totalBudgetYuan)
        }
    }

    func ranking(call: CallModel) async throws -> Result {
        guard let planModel = try await ReviewPlanModel.find(call: call.requireID(), on: db), planModel.frozenAt != nil
        else {
            throw AppError.conflict("专家评审尚未开始，还没有评审排名", code: .reviewNotStarted)
        }
        let context = try await ReviewContext.load(
            call: call, plan: planModel.plan,
            statuses: ApplicationStatus.ranked, on: db)
        let ids = context.applications.compactMap(\.id)
        let intake = try await OpinionModel.query(on: db).filter(\.$application.$id ~~ ids)
            .filter(\.$stage == .province).filter(\.$decision == .accept).all()
        var conditions: [UUID: Int] = [:]
        for opinion in intake {
            conditions[opinion.$application.id] =
                (opinion.checklist ?? [:]).filter {
                    $0.key.hasPrefix("priority.") && $0.value
                }.count
        }
        let finance = Dictionary(
            try await FinanceOpinionModel.query(on: db).filter(\.$application.$id ~~ ids).all().map {
                ($0.$application.id, $0)
            }, uniquingKeysWith: { first, _ in first })
        let decisions = Dictionary(
            try await MeetingDecisionModel.query(on: db).filter(\.$application.$id ~~ ids).all().map {
                ($0.$application.id, $0)
            }, uniquingKeysWith: { first, _ in first })
        let submitted = context.reviews.filter { $0.status == .submitted }
        let entries = try context.applications.map { application in
            let applicationID = try application.requireID()
            return Ranking.Entry(
                applicationID: applicationID, category: application.category,
                reviewTotals: submitted.filter { $0.$application.id == applicationID }.compactMap(\.total),
                priorityConditions: conditions[applicationID] ?? 0,
                // Every ranked application was submitted; without a date it would tie-break last.
                submittedAt: application.submittedAt ?? application.createdAt ?? .distantFuture)
        }
        let ranked = Ranking.rank(entries, plan: planModel.plan.core)
        let byID = Dictionary(uniqueKeysWithValues: try context.applications.map { (try $0.requireID(), $0) })
        var byCategory: [ShenbaoCore.Category: [Row]] = [:]
        for (category, list) in ranked {
            byCategory[category] = try list.map { ranked in
                // Ranking ranks the entries it was given, each one of these applications.
                guard let application = byID[ranked.applicationID] else {
                    throw InternalInvariant("a ranked application that was not given")
                }
                let reviews = submitted.filter { $0.$application.id == ranked.applicationID }
                let opinion = finance[ranked.applicationID]
                let decision = decisions[ranked.applicationID]
                return Row(
                    applicationId: ranked.applicationID, rank: ranked.rank, score: ranked.score,
                    reviewCount: ranked.reviewCount, reviews: ranked.reviewCount,
                    reviewScore: Double(ranked.reviewScoreHundredths) / 100,
                    bonus: Double(ranked.bonusHundredths) / 100,
                    spread: ranked.spread, totals: reviews.compactMap(\.total).sorted(by: >),
                    trimmed: ranked.reviewCount >= ReviewAggregate.trimmingThreshold,
                    priorityConditions: ranked.priorityConditions, applicationNumber: application.number ?? "",
                    projectName: application.form.projectName ?? "",
                    organizationName: application.organizationSnapshot?.name ?? "", category: category.rawValue,
                    status: application.status.rawValue, statusLabel: application.status.label,
                    requestedYuan: application.form.requestedYuan ?? 0,
                    expertsSuggestingFunding: reviews.filter { $0.recommendation == .fund }.count,
                    financeDecision: opinion?.decision.rawValue, financeAmountYuan: opinion?.amountYuan,
                    financeComment: opinion?.comment, funded: decision?.funded, amountYuan: decision?.amountYuan)
            }
        }
        return Result(context: context, planModel: planModel, byCategory: byCategory, finance: finance)
    }
}

extension RankingService.Row {
    /// Finance's opinion in words, in 万元 as everywhere a person reads it (page, meeting, Excel).
    var financeText: String {
        FinanceOpinionService.words(decision: financeDecision, amountYuan: financeAmountYuan, comment: financeComment)
    }

    /// The meeting's decision in words.
    var decisionText: String {
        switch funded {
        case true?: "资助\(WanAmount.withUnit(amountYuan ?? 0))"
        case false?: "不予资助"
        case nil: "—"
        }
    }
}
