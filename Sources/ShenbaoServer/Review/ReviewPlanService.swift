import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The review plan's life: the province sets it (again and again while nothing depends on it),
/// finance approves it, and starting the review freezes it.
struct ReviewPlanService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    /// The plan as the API and pages show it.
    struct View: Content {
        var callId: UUID
        /// `none` (not set yet: the defaults are shown), `pendingApproval` or `approved`.
        var state: String
        var stateLabel: String
        var frozen: Bool
        var plan: ReviewPlanDocument
        var setBy: String?
        var setAt: Date?
        var approvedBy: String?
        var approvedAt: Date?
        var minutesConfirmedAt: Date?
        var version: Int?
    }

    static func view(call: CallModel, plan: ReviewPlanModel?) throws -> View {
        guard let plan else {
            return View(
                callId: try call.requireID(), state: "none", stateLabel: "未制定（显示默认方案）", frozen: false,
                plan: .defaults)
        }
        let label =
            plan.frozenAt != nil ? "已冻结（评审已开始）" : plan.state == .approved ? "财务已审核同意" : "待财务审核"
        return View(
            callId: try call.requireID(), state: plan.state.rawValue, stateLabel: label, frozen: plan.frozenAt != nil,
            plan: plan.plan, setBy: plan.setBy, setAt: plan.setAt, approvedBy: plan.approvedBy,
            approvedAt: plan.approvedAt, minutesConfirmedAt: plan.minutesConfirmedAt, version: plan.version)
    }

    /// Sets the plan. Any change after finance's approval needs a new approval.
    func put(call: CallModel, input: ReviewPlanDocument.Input) async throws -> ReviewPlanModel {
        guard user.role == .province else { throw AppError.forbidden }
        let existing = try await ReviewPlanModel.find(call: call.requireID(), on: db)
        if existing?.frozenAt != nil {
            throw AppError.conflict("专家评审已开始，评审方案已冻结，不能再修改", code: .planFrozen)
        }
        let document = input.document
        let pool = try await ExpertModel.query(on: db).filter(\.$active == true).all().compactMap(\.id)
        let problems = document.problems(call: call.current, pool: Set(pool))
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let plan = existing ?? ReviewPlanModel()
        let previous = existing?.version ?? 0
        plan.$call.id = try call.requireID()
        plan.plan = document
        plan.state = .pendingApproval
        plan.setBy = user.contactName
        plan.setAt = config.now
        plan.approvedBy = nil
        plan.approvedAt = nil
        plan.version = previous + 1
        let config = config
        let year = call.year
        try await db.transaction { db in
            if let existing {
                try await VersionClaim.claim(
                    ReviewPlanModel.schema, id: existing.requireID(), previousVersion: previous, on: db,
                    message: "评审方案刚刚被其他人修改过，请刷新后再操作")
            }
            try await plan.save(on: db)
            try await Notifier(db: db, config: config).notify(
                role: .finance, title: "评审方案待审核（\(year)年度）",
                body: "省科协\(plan.setBy)制定了\(year)年度评审方案，请审核评审指标、专家人数和资助总预算。", link: "/finance")
        }
        return plan
    }

    /// Finance co-signs the plan; a second click finds it approved already.
    func approve(call: CallModel) async throws -> ReviewPlanModel {
        guard user.role == .finance else { throw AppError.forbidden }
        guard let plan = try await ReviewPlanModel.find(call: call.requireID(), on: db) else {
            throw AppError.conflict("省科协尚未制定评审方案，无可审核的内容", code: .noPlan)
        }
        guard plan.state == .pendingApproval else {
            throw AppError.conflict("评审方案已由\(plan.approvedBy ?? "财务")审核同意，无需重复审核", code: .alreadyApproved)
        }
        let previous = plan.version
        plan.state = .approved
        plan.approvedBy = user.contactName
        plan.approvedAt = config.now
        plan.version = previous + 1
        let config = config
        let year = call.year
        try await db.transaction { db in
            try await VersionClaim.claim(
                ReviewPlanModel.schema, id: plan.requireID(), previousVersion: previous, on: db,
                message: "评审方案刚刚被修改过，请刷新后核对再审核")
            try await plan.save(on: db)
            try await Notifier(db: db, config: config).notify(
                role: .province, title: "评审方案已审核同意（\(year)年度）",
                body: "财务\(plan.approvedBy ?? "")已审核同意\(year)年度评审方案，可以分配评审专家。", link: "/review")
        }
        return plan
    }

    /// The approved plan, or why review work cannot go on.
    static func approved(call: CallModel, on db: any Database) async throws -> ReviewPlanModel {
        guard let plan = try await ReviewPlanModel.find(call: call.requireID(), on: db) else {
            throw AppError.conflict("请先制定评审方案并经财务审核同意", code: .noPlan)
        }
        guard plan.state == .approved else {
            throw AppError.conflict("评审方案尚未经财务审核同意", code: .planNotApproved)
        }
        return plan
    }
}
