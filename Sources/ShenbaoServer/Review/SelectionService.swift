import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The meeting (会议审议): the suggested selection, the decisions it records, and the minutes
/// that, once confirmed, move each application to funded or not funded.
struct SelectionService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    struct Decision: Content {
        var applicationId: UUID
        var funded: Bool
        var amountYuan: Int?
    }

    struct Suggested: Content {
        var applicationId: UUID
        var funded: Bool
        var amountYuan: Int?
        var reason: String
        var category: String
        var rank: Int
        var projectName: String
    }

    struct SuggestionView: Content {
        var suggestions: [Suggested]
        var fundedCount: Int
        var totalYuan: Int
        var totalBudgetYuan: Int
        var warnings: [Problem]
    }

    struct DecisionsView: Content {
        var decisions: [Decision]
        var warnings: [Problem]
        var fundedCount: Int
        var totalYuan: Int
        var confirmed: Bool
        var confirmedAt: Date?
    }

    func suggestion(call: CallModel) async throws -> SuggestionView {
        let ranking = try await RankingService(db: db).ranking(call: call)
        let choices = Selection.suggest(ranking.candidates, bounds: ranking.bounds)
        let rows = Dictionary(uniqueKeysWithValues: ranking.rows.map { ($0.applicationId, $0) })
        let decisions = choices.map(\.decision)
        let review = Selection.problems(decisions: decisions, candidates: ranking.candidates, bounds: ranking.bounds)
        return SuggestionView(
            suggestions: choices.map { choice in
                let row = rows[choice.decision.applicationID]
                return Suggested(
                    applicationId: choice.decision.applicationID, funded: choice.decision.funded,
                    amountYuan: choice.decision.amountYuan, reason: choice.reason, category: row?.category ?? "",
                    rank: row?.rank ?? 0, projectName: row?.projectName ?? "")
            },
            fundedCount: decisions.filter(\.funded).count,
            totalYuan: decisions.compactMap { $0.funded ? $0.amountYuan : nil }.reduce(0, +),
            totalBudgetYuan: ranking.bounds.totalBudgetYuan, warnings: named(review.warnings, ranking))
    }

    /// Core names applications by id; the meeting knows them by project name.
    private func named(_ problems: [Problem], _ ranking: RankingService.Result) -> [Problem] {
        problems.map { problem in
            var message = problem.message
            for row in ranking.rows {
                message = message.replacingOccurrences(
                    of: "申报项目\(row.applicationId.uuidString)", with: "“\(row.projectName)”")
            }
            return Problem(field: problem.field, code: problem.code, message: message)
        }
    }

    /// Records the meeting's decisions, replacing any earlier set. A set breaking a hard limit is
    /// refused whole, each broken rule named; minimums not reached come back as warnings.
    func record(call: CallModel, _ decisions: [Decision]) async throws -> DecisionsView {
        guard user.role == .province else { throw AppError.forbidden }
        try PhaseGate.require(.recordDecisions, in: call.phase)
        try await requireNoNotice(call)
        let ranking = try await RankingService(db: db).ranking(call: call)
        try requireReviewComplete(ranking)
        // One decision per ranked application at most: a longer list is refused before it is read.
        if decisions.count > ranking.candidates.count {
            throw AppError.validation([
                Problem(
                    field: "decisions", code: .tooMany,
                    message: "会议决定最多\(ranking.candidates.count)项（每个参评项目一项），现为\(decisions.count)项")
            ])
        }
        let core = decisions.map {
            Selection.Decision(applicationID: $0.applicationId, funded: $0.funded, amountYuan: $0.amountYuan)
        }
        let review = Selection.problems(decisions: core, candidates: ranking.candidates, bounds: ranking.bounds)
        guard review.problems.isEmpty else { throw AppError.validation(named(review.problems, ranking)) }
        let callID = try call.requireID()
        let recorder = user.contactName
        try await db.transaction { db in
            try await MeetingDecisionModel.query(on: db).filter(\.$call.$id == callID).delete()
            for decision in decisions {
                let row = MeetingDecisionModel()
                row.$call.id = callID
                row.$application.id = decision.applicationId
                row.funded = decision.funded
                row.amountYuan = decision.funded ? decision.amountYuan : nil
                row.recordedBy = recorder
                try await row.create(on: db)
            }
            ranking.planModel.minutesConfirmedAt = nil
            ranking.planModel.minutesConfirmedBy = nil
            try await ranking.planModel.save(on: db)
        }
        return try await decisionsView(call: call)
    }

    /// The meeting may change its mind until the notice starts; after that the list is public.
    private func requireNoNotice(_ call: CallModel) async throws {
        if try await NoticeModel.of(call, on: db) != nil {
            throw AppError.conflict("公示已经开始，会议决定不能再修改", code: .noticeStarted)
        }
    }

    private func requireReviewComplete(_ ranking: RankingService.Result) throws {
        if let open = ranking.context.applications.first(where: { $0.status == .inReview }) {
            throw AppError.conflict(
                "专家评审尚未完成（如“\(open.form.projectName ?? "未命名项目")”仍在评审中），请先完成评审再记录会议决定",
                code: .reviewNotComplete)
        }
    }

    func decisionsView(call: CallModel) async throws -> DecisionsView {
        let ranking = try await RankingService(db: db).ranking(call: call)
        let rows = try await MeetingDecisionModel.query(on: db).filter(\.$call.$id == call.requireID()).all()
        let decisions = rows.map {
            Decision(applicationId: $0.$application.id, funded: $0.funded, amountYuan: $0.amountYuan)
        }
        let review = Selection.problems(
            decisions: decisions.map {
                Selection.Decision(applicationID: $0.applicationId, funded: $0.funded, amountYuan: $0.amountYuan)
            }, candidates: ranking.candidates, bounds: ranking.bounds)
        return DecisionsView(
            decisions: decisions, warnings: named(review.warnings, ranking),
            fundedCount: decisions.filter(\.funded).count,
            totalYuan: decisions.compactMap { $0.funded ? $0.amountYuan : nil }.reduce(0, +),
            confirmed: ranking.planModel.minutesConfirmedAt != nil, confirmedAt: ranking.planModel.minutesConfirmedAt)
    }

    /// Confirms the minutes: each ranked application becomes funded or not funded as decided
    /// (no decision counts as not funded), through the one transition table, in one transaction.
    func confirm(call: CallModel) async throws -> DecisionsView {
        guard user.role == .province else { throw AppError.forbidden }
        try PhaseGate.require(.confirmMinutes, in: call.phase)
        try await requireNoNotice(call)
        let ranking = try await RankingService(db: db).ranking(call: call)
        try requireReviewComplete(ranking)
        let rows = try await MeetingDecisionModel.query(on: db).filter(\.$call.$id == call.requireID()).all()
        guard !rows.isEmpty else {
            throw AppError.conflict("尚未记录会议决定，不能确认会议纪要", code: .noDecisions)
        }
        if ranking.planModel.minutesConfirmedAt != nil {
            throw AppError.conflict("会议纪要已确认，无需重复确认", code: .alreadyConfirmed)
        }
        let review = Selection.problems(
            decisions: rows.map {
                Selection.Decision(applicationID: $0.$application.id, funded: $0.funded, amountYuan: $0.amountYuan)
            }, candidates: ranking.candidates, bounds: ranking.bounds)
        guard review.problems.isEmpty else { throw AppError.validation(named(review.problems, ranking)) }
        let funded = Dictionary(rows.map { ($0.$application.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ranked = Set(ranking.rows.map(\.applicationId))
        let plan = ranking.planModel
        let clerk = user.contactName
        try await db.transaction { db in
            for application in ranking.context.applications {
                let applicationID = try application.requireID()
                guard ranked.contains(applicationID) else { continue }
                let decision = funded[applicationID]
                let target: ApplicationStatus = decision?.funded == true ? .funded : .notFunded
                guard application.status != target else { continue }
                let comment =
                    decision?.funded == true ? "会议审议拟资助\(WanAmount.withUnit(decision?.amountYuan ?? 0))" : "会议审议不予资助"
                try await StatusChange(application, target == .funded ? .decideFunded : .decideNotFunded, by: user.role)
                    .commit(by: user, comment: comment, at: config.now, on: db)
            }
            plan.minutesConfirmedAt = config.now
            plan.minutesConfirmedBy = clerk
            try await plan.save(on: db)
            try await Notifier(db: db, config: config).notify(
                role: .finance, title: "\(call.year)年度会议审议结果已确认",
                body: "省科协\(clerk)已确认会议纪要，拟资助\(rows.filter(\.funded).count)项。", link: "/finance")
        }
        return try await decisionsView(call: call)
    }
}
