import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// An expert's side of the review: their assignments only, never another expert's scores; drafts
/// saved as often as they like, one submission, or a declared conflict (回避) that hands the
/// application to another expert.
struct ReviewService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    /// `PUT /api/v1/reviews/{id}` (docs/api.md).
    struct Input: Content {
        var scores: [String: Int]?
        var comment: String?
        var recommendation: String?
        var suggestedAmountYuan: Int?
        var submit: Bool?
        var conflictDeclared: Bool?
    }

    /// What an expert sees of one assignment.
    struct View: Content {
        var id: UUID
        var applicationId: UUID
        var status: String
        var statusLabel: String
        var projectName: String
        var organizationName: String
        var category: String
        var categoryLabel: String
        var requestedYuan: Int?
        var criteria: [Criterion]
        var scores: [String: Int]
        var total: Int?
        var comment: String?
        var recommendation: String?
        var suggestedAmountYuan: Int?
        var reviewDeadline: String?
        /// A later deadline the province set for this expert (YYYY-MM-DD), and why.
        var extendedDeadline: String?
        var extensionReason: String?
        var submittedAt: Date?
    }

    /// The expert row of the signed-in user; an expert account not (yet) in the pool has none.
    func expert() async throws -> ExpertModel? {
        guard user.role == .expert else { throw AppError.forbidden }
        return try await ExpertModel.query(on: db).filter(\.$userID == user.id).first()
    }

    /// Own assignments of applications whose review has started.
    func list() async throws -> [View] {
        guard let expert = try await expert() else { return [] }
        let reviews = try await ReviewModel.query(on: db).filter(\.$expert.$id == expert.requireID())
            .with(\.$application).with(\.$call).sort(\.$createdAt).all()
        var views: [View] = []
        for review in reviews where review.application.status != .accepted {
            views.append(try await view(review))
        }
        return views
    }

    /// One own assignment, or 404 — another expert's review does not exist for this one.
    func find(_ raw: String?) async throws -> ReviewModel {
        guard let expert = try await expert(), let id = raw.flatMap(UUID.init(uuidString:)),
            let review = try await ReviewModel.query(on: db).filter(\.$id == id).with(\.$application).with(\.$call)
                .first(),
            review.$expert.id == expert.id, review.application.status != .accepted
        else { throw AppError.notFound("该评审任务") }
        return review
    }

    func view(_ review: ReviewModel) async throws -> View {
        let application = review.application
        let plan = try await ReviewPlanModel.find(call: review.$call.id, on: db)?.plan ?? .defaults
        let granted = try await ReviewExtensionModel.find(call: review.$call.id, expert: review.$expert.id, on: db)
        return View(
            id: try review.requireID(), applicationId: try application.requireID(), status: review.status.rawValue,
            statusLabel: review.status.label, projectName: application.form.projectName ?? "",
            organizationName: application.organizationSnapshot?.name ?? "",
            category: application.category.rawValue, categoryLabel: FormTexts.categoryLabel(application.category),
            requestedYuan: application.form.requestedYuan, criteria: plan.criteria, scores: review.scores ?? [:],
            total: review.total, comment: review.comment, recommendation: review.recommendation?.rawValue,
            suggestedAmountYuan: review.suggestedAmountYuan, reviewDeadline: plan.reviewDeadline,
            extendedDeadline: granted?.deadline, extensionReason: granted?.reason, submittedAt: review.submittedAt)
    }

    func update(_ review: ReviewModel, _ input: Input) async throws {
        switch review.status {
        case .submitted: throw AppError.conflict("评审意见已提交，不能再修改", code: .alreadySubmitted)
        case .declined: throw AppError.conflict("您已申明回避该项目，不能再评审", code: .declined)
        case .assigned, .draft: break
        }
        guard review.application.status == .inReview else {
            throw AppError.conflict("该项目的评审已结束（当前状态：\(review.application.status.label)）", code: .reviewClosed)
        }
        try PhaseGate.require(.score, in: review.call.phase)
        let plan = try await ReviewPlanModel.find(call: review.$call.id, on: db)?.plan ?? .defaults
        if input.conflictDeclared == true {
            return try await decline(review, comment: input.comment, plan: plan)
        }
        // A conflict may be declared at any time; scores only until the deadline (docs/rules.md §7).
        let extended = try await ReviewExtensionModel.find(call: review.$call.id, expert: review.$expert.id, on: db)
        if let refusal = ReviewDeadline(plan: plan.deadline, extended: extended?.day).refusal(
            today: ChineseFormat.today(config.now))
        {
            throw AppError.conflict(refusal.message, code: .reviewDeadlinePassed)
        }
        let submitting = input.submit == true
        var problems = Self.problems(input, plan: plan, application: review.application, submitting: submitting)
        if !submitting {
            // A draft may be incomplete; only what is there must be right.
            problems.removeAll { $0.code == "required" }
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let previous = review.version
        let before = ReviewChangeModel.Snapshot(review)
        review.scores = input.scores
        review.total = input.scores.flatMap { plan.core.total(of: $0) }
        review.comment = input.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        review.recommendation = input.recommendation.flatMap(ReviewModel.Recommendation.init(rawValue:))
        review.suggestedAmountYuan = input.suggestedAmountYuan
        review.status = submitting ? .submitted : .draft
        review.submittedAt = submitting ? config.now : nil
        review.version = previous + 1
        let after = ReviewChangeModel.Snapshot(review)
        // One line per save that changed something, and one for each submission.
        let change =
            submitting || before != after
            ? ReviewChangeModel(
                reviewID: try review.requireID(), kind: submitting ? .submitted : .saved, by: user, at: config.now,
                before: before, after: after) : nil
        try await db.transaction { db in
            try await VersionClaim.claim(
                ReviewModel.schema, id: review.requireID(), previousVersion: previous, on: db,
                message: "评审意见刚刚在其他窗口提交或保存过，请刷新后核对")
            try await review.save(on: db)
            try await change?.create(on: db)
        }
    }

    /// Every problem of an expert's input; `required` ones only matter on submission.
    static func problems(_ input: Input, plan: ReviewPlanDocument, application: ApplicationModel, submitting: Bool)
        -> [Problem]
    {
        var problems = plan.core.problems(scores: input.scores ?? [:])
        problems += Opinion.review.check(input.comment).problems
        let recommendation = input.recommendation.flatMap(ReviewModel.Recommendation.init(rawValue:))
        if let raw = input.recommendation, !raw.isEmpty, recommendation == nil {
            problems.append(
                Problem(field: "recommendation", code: .invalidValue, message: "评审建议应为建议资助（fund）或不建议资助（doNotFund）"))
        } else if recommendation == nil {
            problems.append(Problem(field: "recommendation", code: .required, message: "请选择建议资助或不建议资助"))
        }
        if let amount = input.suggestedAmountYuan {
            let requested = application.form.requestedYuan ?? Int.max
            if amount <= 0 {
                problems.append(Problem(field: "suggestedAmountYuan", code: .notPositive, message: "建议资助金额必须大于0元"))
            } else if amount > requested {
                problems.append(
                    Problem(
                        field: "suggestedAmountYuan", code: .aboveRequest,
                        message: "建议资助金额\(WanAmount.withUnit(amount))超过申请经费\(WanAmount.withUnit(requested))"))
            } else if amount > 200_000 {
                problems.append(
                    Problem(
                        field: "suggestedAmountYuan", code: .aboveMaximum,
                        message: "建议资助金额\(WanAmount.withUnit(amount))超过每项上限\(WanAmount.withUnit(200_000))"))
            }
        } else if recommendation == .fund {
            problems.append(Problem(field: "suggestedAmountYuan", code: .required, message: "建议资助时请填写建议资助金额"))
        }
        return problems
    }

    /// The expert declines for a conflict: the pair is never assigned again, and the least loaded
    /// eligible expert takes over; when nobody is left, the province is told to assign by hand.
    private func decline(_ review: ReviewModel, comment: String?, plan: ReviewPlanDocument) async throws {
        guard let call = try await CallModel.find(review.$call.id, on: db) else { throw AppError.notFound("该年度申报指南") }
        let application = review.application
        let context = try await ReviewContext.load(call: call, plan: plan, statuses: [.inReview], on: db)
        review.status = .declined
        review.comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let previous = review.version
        review.version = previous + 1
        let input = context.assignmentInput(of: [application])
        var declined = input
        let applicationID = try application.requireID()
        declined.declined.insert(.init(applicationID: applicationID, expertID: review.$expert.id))
        let assigned = Set(context.reviews.filter { $0.$application.id == application.id }.map { $0.$expert.id })
        let replacement = input.applications.first.flatMap {
            declined.replacement(for: $0, assigned: assigned, loads: context.loads)
        }
        let project = application.form.projectName ?? "未命名项目"
        let config = config
        let user = user
        let callID = try call.requireID()
        let replacementUser = try await replacement.asyncFlatMap { chosen in
            try await context.experts.first { $0.id == chosen.id }?.userID.asyncFlatMap {
                try await UserModel.find($0, on: db)
            }
        }
        try await db.transaction { db in
            try await VersionClaim.claim(
                ReviewModel.schema, id: review.requireID(), previousVersion: previous, on: db,
                message: "该评审任务刚刚被修改过，请刷新后再操作")
            try await review.save(on: db)
            let notifier = Notifier(db: db, config: config)
            if let replacement {
                try await ReviewModel(
                    callID: callID, applicationID: applicationID, expertID: replacement.id, assignedBy: "auto"
                ).create(on: db)
                if let replacementUser {
                    try await notifier.notify(
                        users: [replacementUser], title: "新的评审任务", body: "省科协为您分配了评审任务“\(project)”，请按时评审。",
                        link: "/reviews", applicationID: nil)
                }
            }
            try await notifier.notify(
                role: .province, title: "专家申明回避：\(project)",
                body: "专家\(user.contactName)申明回避“\(project)”。"
                    + (replacement == nil ? "评审组中已无可替换的专家，请手工指派。" : "系统已自动改派其他专家。"),
                link: "/review")
        }
    }
}
