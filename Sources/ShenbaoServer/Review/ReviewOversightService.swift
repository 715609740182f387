import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's hand on the experts' reviews: a review's history (修改记录), reopening a
/// submitted review with a reason, and a later deadline for one expert (延期). Each write commits
/// with its history line and its notification.
struct ReviewOversightService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    /// One line of the history as the API and the page show it.
    struct ChangeView: Content {
        var id: UUID
        var kind: String
        var kindLabel: String
        var actorName: String
        var at: Date
        var before: ReviewChangeModel.Snapshot?
        var after: ReviewChangeModel.Snapshot
        var reason: String?
    }

    /// `POST /api/v1/reviews/{id}/reopen`.
    struct ReopenInput: Content {
        var reason: String?
    }

    /// `PUT /api/v1/calls/{callId}/review-extensions/{expertId}`.
    struct ExtensionInput: Content {
        /// YYYY-MM-DD.
        var deadline: String?
        var reason: String?
    }

    struct ExtensionView: Content {
        var expertId: UUID
        var expertName: String
        var deadline: String
        var deadlineText: String
        var reason: String
        var setBy: String
        var setAt: Date
    }

    /// Any review of any expert, by id, for the province; 404 when there is none.
    static func find(_ raw: String?, on db: any Database) async throws -> ReviewModel {
        guard let id = raw.flatMap(UUID.init(uuidString:)),
            let review = try await ReviewModel.query(on: db).filter(\.$id == id).with(\.$application)
                .with(\.$call).with(\.$expert).first()
        else { throw AppError.notFound("该评审任务") }
        return review
    }

    func history(_ review: ReviewModel) async throws -> [ChangeView] {
        guard user.role == .province else { throw AppError.forbidden }
        let rows = try await ReviewChangeModel.query(on: db).filter(\.$review.$id == review.requireID())
            .sort(\.$at).all()
        return try rows.map(Self.view)
    }

    static func view(_ row: ReviewChangeModel) throws -> ChangeView {
        ChangeView(
            id: try row.requireID(), kind: row.kind.rawValue, kindLabel: row.kind.label, actorName: row.actorName,
            at: row.at, before: row.before, after: row.after, reason: row.reason)
    }

    /// Reopens a submitted review: it becomes a draft the expert may change and submit again
    /// (within their deadline); the submitted version stays in the history. A second click finds
    /// the review no longer submitted, or loses the version claim.
    func reopen(_ review: ReviewModel, reason: String?, request: Request) async throws {
        guard user.role == .province else { throw AppError.forbidden }
        guard review.status == .submitted else {
            throw AppError.conflict(
                "该评审意见当前为“\(review.status.label)”，只有已提交的评审意见才能重新开放", code: .notSubmitted)
        }
        guard review.application.status == .inReview else {
            throw AppError.conflict(
                "该项目的评审已结束（当前状态：\(review.application.status.label)），不能重新开放评审意见", code: .reviewClosed)
        }
        try PhaseGate.require(.score, in: review.call.phase)
        let problems = ReviewDeadline.reasonProblems(reason, label: "重新开放的理由")
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let submitted = ReviewChangeModel.Snapshot(review)
        let previous = review.version
        review.status = .draft
        review.submittedAt = nil
        review.version = previous + 1
        let change = ReviewChangeModel(
            reviewID: try review.requireID(), kind: .reopened, by: user, at: config.now, before: submitted,
            after: submitted, reason: reason)
        let expertUser = try await review.expert.userID.asyncFlatMap { try await UserModel.find($0, on: db) }
        let project = review.application.form.projectName ?? "未命名项目"
        let expertName = review.expert.name
        let plan = try await ReviewPlanModel.find(call: review.$call.id, on: db)?.plan
        let extended = try await ReviewExtensionModel.find(call: review.$call.id, expert: review.$expert.id, on: db)
        let deadline = ReviewDeadline(plan: plan?.deadline, extended: extended?.day).effective
        let config = config
        let link = "/reviews/\(try review.requireID().uuidString)"
        try await db.transaction { db in
            try await VersionClaim.claim(
                ReviewModel.schema, id: review.requireID(), previousVersion: previous, on: db,
                message: "该评审意见刚刚被重新开放或修改过，请刷新后核对")
            try await review.save(on: db)
            try await change.create(on: db)
            try await AuditTrail.record(
                .reviewReopened, by: user, subject: AuditTrail.Subject(id: review.id, name: "\(expertName)：\(project)"),
                detail: reason, request: request, on: db)
            if let expertUser {
                try await Notifier(db: db, config: config).notify(
                    users: [expertUser], title: "评审意见已重新开放：\(project)",
                    body: "省科协重新开放了您对“\(project)”的评审意见，理由：\(reason)。请修改后重新提交"
                        + (deadline.map { "（截止日期\($0.chinese)）" } ?? "") + "。",
                    link: link, applicationID: nil)
            }
        }
    }

    func extensions(call: CallModel) async throws -> [ExtensionView] {
        guard user.role == .province else { throw AppError.forbidden }
        return try await Self.extensions(call: call, on: db)
    }

    static func extensions(call: CallModel, on db: any Database) async throws -> [ExtensionView] {
        let rows = try await ReviewExtensionModel.query(on: db).filter(\.$call.$id == call.requireID())
            .with(\.$expert).sort(\.$deadline).all()
        return rows.map(view)
    }

    static func view(_ row: ReviewExtensionModel) -> ExtensionView {
        ExtensionView(
            expertId: row.$expert.id, expertName: row.$expert.value?.name ?? "", deadline: row.deadline,
            deadlineText: row.day?.chinese ?? row.deadline, reason: row.reason, setBy: row.setBy, setAt: row.setAt)
    }

    /// Sets (or replaces) `expertID`'s own deadline for `call`, checked all at once; the expert
    /// is told.
    func extend(call: CallModel, expertID: UUID, _ input: ExtensionInput, request: Request) async throws
        -> ExtensionView
    {
        guard user.role == .province else { throw AppError.forbidden }
        guard let expert = try await ExpertModel.find(expertID, on: db) else { throw AppError.notFound("该专家") }
        let callID = try call.requireID()
        let plan = try await ReviewPlanModel.find(call: callID, on: db)?.plan
        let raw = input.deadline?.trimmingCharacters(in: .whitespaces) ?? ""
        let day = Day(raw)
        var problems: [Problem] = []
        if !raw.isEmpty, day == nil {
            problems.append(Problem(field: "deadline", code: .invalidValue, message: "延长后的截止日期应为 YYYY-MM-DD"))
            problems += ReviewDeadline.reasonProblems(input.reason, label: "延期理由")
        } else {
            problems = ReviewDeadline.extensionProblems(
                day: day, reason: input.reason, plan: plan?.deadline, today: ChineseFormat.today(config.now))
        }
        guard problems.isEmpty, let day else { throw AppError.validation(problems) }
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let row =
            try await ReviewExtensionModel.find(call: callID, expert: expertID, on: db) ?? ReviewExtensionModel()
        row.$call.id = callID
        row.$expert.id = expertID
        row.deadline = day.description
        row.reason = reason
        row.setBy = user.contactName
        row.setAt = config.now
        let expertUser = try await expert.userID.asyncFlatMap { try await UserModel.find($0, on: db) }
        let config = config
        try await db.transaction { db in
            // The (call, expert) pair is unique: a second click at the same moment fails, not doubles.
            try await row.save(on: db)
            try await AuditTrail.record(
                .reviewDeadlineExtended, by: user, subject: AuditTrail.Subject(id: expertID, name: expert.name),
                detail: "\(call.year)年度评审截止时间延长至\(day.chinese)：\(reason)", request: request, on: db)
            if let expertUser {
                try await Notifier(db: db, config: config).notify(
                    users: [expertUser], title: "评审截止时间已为您延长",
                    body: "省科协已将您\(call.year)年度项目评审的截止时间延长至\(day.chinese)，理由：\(reason)。",
                    link: "/reviews", applicationID: nil)
            }
        }
        row.$expert.value = expert
        return Self.view(row)
    }
}
