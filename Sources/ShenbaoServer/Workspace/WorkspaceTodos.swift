import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// What waits for the signed-in person now, for the 工作台: how many, by when, and where to do
/// it. Each role sees only its own work; nothing here is counted for a role that cannot act on it.
struct WorkspaceTodo: Encodable, Equatable {
    var label: String
    var href: String
    /// "3 件" or "暂无"; nil for a step that is not counted (the call's next phase).
    var countText: String?
    /// Something waits: the line stands out.
    var waiting: Bool
    /// The nearest deadline that applies, as 2025年3月31日 17:00 or 2025年9月26日.
    var due: String?
    var note: String?

    init(label: String, count: Int?, href: String, due: String?, note: String?) {
        self.label = label
        self.href = href
        countText = count.map { $0 > 0 ? "\($0) 件" : "暂无" }
        waiting = (count ?? 0) > 0
        self.due = due
        self.note = note
    }
}

enum WorkspaceTodos {
    static func load(for user: AuthenticatedUser, call: CallModel?, on db: any Database) async throws
        -> [WorkspaceTodo]
    {
        guard let call, let callID = call.id else { return [] }
        let callDeadline = call.deadline.map(ChineseFormat.dateTime)
        func applications() -> QueryBuilder<ApplicationModel> {
            ApplicationModel.query(on: db).filter(\.$call.$id == callID)
        }
        switch user.role {
        case .applicant:
            guard let organization = user.organizationID else { return [] }
            let drafts = try await applications().filter(\.$organization.$id == organization)
                .filter(\.$status == .draft).all()
            let returned = drafts.compactMap(\.correctionEndsOn).sorted()
            let fresh = drafts.count - drafts.filter { $0.correctionEndsOn != nil }.count
            var todos: [WorkspaceTodo] = []
            if !returned.isEmpty {
                todos.append(
                    WorkspaceTodo(
                        label: "退回修改、待重新提交的申报书", count: returned.count, href: "/applications",
                        due: returned.first.flatMap(Day.init)?.chinese, note: "请在补正期限内修改后重新提交"))
            }
            todos.append(
                WorkspaceTodo(
                    label: "尚未提交的申报书草稿", count: fresh, href: "/applications",
                    due: call.phase == .open ? callDeadline : nil,
                    note: fresh == 0 && call.phase == .open ? "可在“我的申报”新建申报书" : nil))
            return todos
        case .recommender:
            guard let organization = user.organizationID else { return [] }
            let waiting = try await applications().filter(\.$holder.$id == organization)
                .filter(\.$status == .atRecommender).count()
            return [
                WorkspaceTodo(
                    label: "待推荐审核的申报书", count: waiting, href: "/inbox", due: callDeadline,
                    note: "推荐、退回修改或不予推荐")
            ]
        case .province:
            let intake = try await applications().filter(\.$status == .atProvince).count()
            let objections = try await ObjectionModel.query(on: db).filter(\.$call.$id == callID)
                .filter(\.$resolvedAt == nil).count()
            return [
                WorkspaceTodo(
                    label: "待形式审查的申报书", count: intake, href: "/inbox", due: nil, note: "受理、退回修改或不予受理"),
                WorkspaceTodo(label: "待处理的公示异议", count: objections, href: "/notice", due: nil, note: nil),
                WorkspaceTodo(
                    label: "当前阶段：\(call.phase.label)", count: nil, href: "/admin/calls", due: nil,
                    note: "下一步：\(PhaseGate.nextStep(from: call.phase))"),
            ]
        case .finance:
            let plan = try await ReviewPlanModel.find(call: callID, on: db)
            let open = try await applications().filter(\.$status ~~ ApplicationStatus.beforeDecision).all()
            let opined = Set(
                try await FinanceOpinionModel.query(on: db).filter(\.$application.$id ~~ open.compactMap(\.id)).all()
                    .map { $0.$application.id })
            return [
                WorkspaceTodo(
                    label: "待审核的评审方案", count: plan?.state == .pendingApproval ? 1 : 0, href: "/finance", due: nil,
                    note: nil),
                WorkspaceTodo(
                    label: "待提出预算意见的申报书", count: open.filter { !opined.contains($0.id ?? UUID()) }.count,
                    href: "/finance", due: nil, note: "同意申请金额或核减"),
            ]
        case .expert:
            guard let expert = try await ExpertModel.query(on: db).filter(\.$userID == user.id).first(),
                let expertID = expert.id
            else { return [] }
            let reviews = try await ReviewModel.query(on: db).filter(\.$call.$id == callID)
                .filter(\.$expert.$id == expertID).filter(\.$status ~~ [.assigned, .draft])
                .join(ApplicationModel.self, on: \ReviewModel.$application.$id == \ApplicationModel.$id)
                .filter(ApplicationModel.self, \.$status == .inReview).count()
            // The day that applies to this expert: the plan's, or the later one the province gave them.
            let deadline = ReviewDeadline(
                plan: try await ReviewPlanModel.find(call: callID, on: db)?.plan.deadline,
                extended: try await ReviewExtensionModel.find(call: callID, expert: expertID, on: db)?.day)
            return [
                WorkspaceTodo(
                    label: "待完成的评审", count: reviews, href: "/reviews",
                    due: deadline.effective?.chinese, note: "评分并提交评审意见")
            ]
        case .sysadmin, .auditor:
            return []
        }
    }
}
