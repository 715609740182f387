import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Who reviews what (评审分配): the automatic assignment before the review starts, hand changes
/// by the province (each checked against the conflicts), and the start and end of the review.
struct AssignmentService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    struct Pair: Content {
        var applicationId: UUID
        var expertId: UUID
        /// Sent `true` to go on despite the warnings of a first try (the expert past their
        /// maximum of reviews, or past the balance rule): see ``loadWarnings(_:for:context:excluding:confirmed:)``.
        var confirm: Bool?
    }

    /// Assigns every accepted application not yet in review. All or nothing: when some
    /// application cannot get its experts, nothing changes and the answer says which and why.
    func auto(call: CallModel) async throws -> [Pair] {
        try PhaseGate.require(.assign, in: call.phase)
        let plan = try await ReviewPlanService.approved(call: call, on: db)
        let context = try await ReviewContext.load(call: call, plan: plan.plan, on: db)
        let waiting = context.applications.filter { $0.status == .accepted }
        guard !waiting.isEmpty else {
            throw AppError.conflict("没有已受理、待分配评审专家的申报书", code: .nothingToAssign)
        }
        let input = context.assignmentInput(of: waiting)
        let result: [UUID: [UUID]]
        switch Assignment.make(input) {
        case .success(let made): result = made
        case .failure(let failure):
            throw AppError(
                status: .unprocessableEntity, code: .noValidAssignment,
                message: "无法为每个项目分配\(plan.plan.expertsPerApplication)位无回避关系的专家，请扩充评审组或调整每个项目的专家人数",
                problems: failure.problems.map { problem in
                    Problem(field: problem.field, code: problem.code, message: names(problem.message, context))
                })
        }
        let callID = try call.requireID()
        let waitingIDs = waiting.compactMap(\.id)
        try await db.transaction { db in
            // Assignments not yet started are replaced; declined pairs stay as they are.
            try await ReviewModel.query(on: db).filter(\.$application.$id ~~ waitingIDs)
                .filter(\.$status != .declined).delete()
            for application in waiting {
                let applicationID = try application.requireID()
                for expert in result[applicationID] ?? [] {
                    try await ReviewModel(
                        callID: callID, applicationID: applicationID, expertID: expert, assignedBy: "auto"
                    ).create(on: db)
                }
            }
        }
        return try waiting.flatMap { application in
            let applicationID = try application.requireID()
            return (result[applicationID] ?? []).map { Pair(applicationId: applicationID, expertId: $0) }
        }
    }

    /// Core names applications by id; the province knows them by project name.
    private func names(_ message: String, _ context: ReviewContext) -> String {
        var message = message
        for application in context.applications {
            guard let id = application.id else { continue }
            message = message.replacingOccurrences(
                of: "申报项目\(id.uuidString)", with: "“\(application.form.projectName ?? "未命名项目")”")
        }
        return message
    }

    /// Adds one expert to one application by hand.
    func add(call: CallModel, _ pair: Pair) async throws -> ReviewModel {
        let (context, application) = try await loadForHand(call: call, applicationID: pair.applicationId)
        try await Self.requireActive(pair.expertId, on: db)
        let review = try check(pair.expertId, for: application, context: context)
        try loadWarnings(pair.expertId, for: application, context: context, confirmed: pair.confirm == true)
        try await db.transaction { db in
            try await review.create(on: db)
            try await notifyIfStarted(review, application: application, context: context, on: db)
        }
        return review
    }

    /// Replaces the expert of one assignment by another, checked like an addition.
    func move(_ review: ReviewModel, to expertID: UUID, confirmed: Bool = false) async throws -> ReviewModel {
        guard let call = try await CallModel.find(review.$call.id, on: db) else { throw AppError.notFound("该年度申报指南") }
        let (context, application) = try await loadForHand(call: call, applicationID: review.$application.id)
        try Self.requireRemovable(review)
        try await Self.requireActive(expertID, on: db)
        let replacement = try check(expertID, for: application, context: context)
        try loadWarnings(expertID, for: application, context: context, excluding: review, confirmed: confirmed)
        try await db.transaction { db in
            try await review.delete(on: db)
            try await replacement.create(on: db)
            try await notifyIfStarted(replacement, application: application, context: context, on: db)
        }
        return replacement
    }

    func remove(_ review: ReviewModel) async throws {
        guard user.role == .province else { throw AppError.forbidden }
        guard let call = try await CallModel.find(review.$call.id, on: db) else { throw AppError.notFound("该年度申报指南") }
        try PhaseGate.require(.assign, in: call.phase)
        try Self.requireRemovable(review)
        try await review.delete(on: db)
    }

    /// A deactivated expert (停用) is refused by name, not as one the pool does not know.
    static func requireActive(_ expertID: UUID, on db: any Database) async throws {
        guard let expert = try await ExpertModel.find(expertID, on: db) else {
            throw AppError.validation([Problem(field: "expertId", code: .notFound, message: "专家库中没有该专家")])
        }
        guard expert.active else {
            throw AppError.validation([
                Problem(
                    field: "expertId", code: .expertDeactivated,
                    message: "专家\(expert.name)已停用，不能分配评审任务；如需分配，请先在专家库中启用")
            ])
        }
    }

    static func requireRemovable(_ review: ReviewModel) throws {
        switch review.status {
        case .submitted: throw AppError.conflict("该专家已提交评审意见，不能撤换", code: .alreadySubmitted)
        case .declined: throw AppError.conflict("该专家已申明回避，分配已失效", code: .declined)
        case .assigned, .draft: return
        }
    }

    private func loadForHand(call: CallModel, applicationID: UUID) async throws -> (ReviewContext, ApplicationModel) {
        guard user.role == .province else { throw AppError.forbidden }
        try PhaseGate.require(.assign, in: call.phase)
        let plan = try await ReviewPlanService.approved(call: call, on: db)
        let context = try await ReviewContext.load(
            call: call, plan: plan.plan, statuses: ApplicationStatus.assignable, on: db)
        guard let application = context.applications.first(where: { $0.id == applicationID }) else {
            throw AppError.conflict("该申报书不在本年度待评审的项目中（须已受理且评审未结束）", code: .notInReview)
        }
        return (context, application)
    }

    /// A new assignment of `expertID`, or a refusal naming the conflict (回避) that forbids it.
    private func check(_ expertID: UUID, for application: ApplicationModel, context: ReviewContext) throws
        -> ReviewModel
    {
        let input = context.assignmentInput(of: [application])
        guard let expert = input.experts.first(where: { $0.id == expertID }), let target = input.applications.first
        else {
            throw AppError.validation([Problem(field: "expertId", code: .notFound, message: "专家库中没有该专家")])
        }
        if let reason = input.ineligibility(expert, for: target) {
            throw AppError.validation([Problem(field: "expertId", code: .conflictOfInterest, message: reason)])
        }
        if context.reviews.contains(where: { $0.$application.id == target.id && $0.$expert.id == expertID }) {
            throw AppError.validation([Problem(field: "expertId", code: .duplicate, message: "该专家已分配评审此项目")])
        }
        return ReviewModel(
            callID: try context.call.requireID(), applicationID: target.id, expertID: expertID,
            assignedBy: user.contactName)
    }

    /// A hand assignment past the expert's maximum of reviews or past the balance rule is not
    /// refused but needs the province's confirmation: without it, a 409 `notConfirmed` lists each
    /// warning (Core's ``AssignmentInput/handWarnings(_:for:assigned:loads:)``). `excluding` is the
    /// assignment a move replaces, so its expert's load and place are counted without it.
    private func loadWarnings(
        _ expertID: UUID, for application: ApplicationModel, context: ReviewContext, excluding: ReviewModel? = nil,
        confirmed: Bool
    ) throws {
        guard !confirmed else { return }
        let input = context.assignmentInput(of: [application])
        guard let expert = input.experts.first(where: { $0.id == expertID }), let target = input.applications.first
        else { return }
        var loads = context.loads
        var assigned = Set(context.activeReviews(of: target.id).map { $0.$expert.id })
        if let excluding, excluding.isActive {
            loads[excluding.$expert.id, default: 0] -= 1
            assigned.remove(excluding.$expert.id)
        }
        let warnings = input.handWarnings(expert, for: target, assigned: assigned, loads: loads)
        guard !warnings.isEmpty else { return }
        throw AppError(
            status: .conflict, code: .notConfirmed, message: "请确认后再指派：" + warnings.joined(separator: "；"),
            problems: warnings.map { Problem(field: "confirm", code: .notConfirmed, message: $0) })
    }

    private func notifyIfStarted(
        _ review: ReviewModel, application: ApplicationModel, context: ReviewContext, on db: any Database
    ) async throws {
        guard application.status == .inReview,
            let userID = context.experts.first(where: { $0.id == review.$expert.id })?.userID,
            let expertUser = try await UserModel.find(userID, on: db)
        else { return }
        try await Notifier(db: db, config: config).notify(
            users: [expertUser], title: "新的评审任务", body: "省科协为您分配了评审任务“\(application.form.projectName ?? "")”，请按时评审。",
            link: "/reviews", applicationID: nil)
    }

    /// Starts the review of every accepted application: each needs its experts; the plan freezes.
    func start(call: CallModel) async throws -> Int {
        try PhaseGate.require(.startReview, in: call.phase)
        let plan = try await ReviewPlanService.approved(call: call, on: db)
        let context = try await ReviewContext.load(call: call, plan: plan.plan, statuses: [.accepted], on: db)
        guard !context.applications.isEmpty else {
            throw AppError.conflict("没有已受理、待开始评审的申报书", code: .nothingToStart)
        }
        let needed = plan.plan.expertsPerApplication
        let problems = try context.applications.compactMap { application -> Problem? in
            let count = context.activeReviews(of: try application.requireID()).count
            guard count < needed else { return nil }
            return Problem(
                field: "assignments", code: .notEnoughExperts,
                message: "“\(application.form.projectName ?? "未命名项目")”已分配\(count)位专家，需要\(needed)位")
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let expertUsers = try await UserModel.query(on: db).filter(\.$id ~~ context.experts.compactMap(\.userID)).all()
        let deadline = plan.plan.deadline.map { "，截止日期为\($0.chinese)" } ?? ""
        try await db.transaction { db in
            for application in context.applications {
                try await StatusChange(application, .startReview, by: user.role).commit(
                    by: user, comment: nil, at: config.now, on: db)
            }
            plan.frozenAt = config.now
            try await plan.save(on: db)
            // Starting the review is the call's move into 专家评审.
            call.phase = .review
            try await call.save(on: db)
            let assignedExperts = Set(context.reviews.filter(\.isActive).map { $0.$expert.id })
            let users = context.experts.filter { $0.id.map(assignedExperts.contains) ?? false }.compactMap { expert in
                expertUsers.first { $0.id == expert.userID }
            }
            try await Notifier(db: db, config: config).notify(
                users: users, title: "\(call.year)年度项目评审已开始",
                body: "您有待评审的项目，请登录系统评分\(deadline)。", link: "/reviews", applicationID: nil)
        }
        return context.applications.count
    }

    /// Ends the review: every assigned expert must have submitted (or been removed).
    func complete(call: CallModel) async throws -> Int {
        try PhaseGate.require(.completeReview, in: call.phase)
        let plan = try await ReviewPlanService.approved(call: call, on: db)
        let context = try await ReviewContext.load(call: call, plan: plan.plan, statuses: [.inReview], on: db)
        guard !context.applications.isEmpty else {
            throw AppError.conflict("没有正在评审中的申报书", code: .nothingInReview)
        }
        var problems: [Problem] = []
        for application in context.applications {
            let active = context.activeReviews(of: try application.requireID())
            let missing = active.filter { $0.status != .submitted }.count
            if missing > 0 {
                problems.append(
                    Problem(
                        field: "reviews", code: .notSubmitted,
                        message: "“\(application.form.projectName ?? "未命名项目")”还有\(missing)位专家未提交评审意见"))
            } else if active.isEmpty {
                problems.append(
                    Problem(
                        field: "reviews", code: .noReviews,
                        message: "“\(application.form.projectName ?? "未命名项目")”没有任何专家的评审意见"))
            }
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        try await db.transaction { db in
            for application in context.applications {
                try await StatusChange(application, .completeReview, by: user.role).commit(
                    by: user, comment: nil, at: config.now, on: db)
            }
            // Ending the review is the call's move into 会议审议.
            call.phase = .meeting
            try await call.save(on: db)
            try await Notifier(db: db, config: config).notify(
                role: .finance, title: "\(call.year)年度专家评审已完成",
                body: "专家评审已完成，请查看评审排名并提出预算意见。", link: "/finance")
        }
        return context.applications.count
    }
}
