import Fluent
import Foundation
import ShenbaoCore

/// `/review`: the province's desk for the expert review — the plan, the pool with each expert's
/// load and panels, every application with its assignments, and what may be done in the phase.
struct ReviewDeskPage: Encodable {
    struct CriterionLine: Encodable {
        var code: String
        var name: String
        var maxPoints: Int
    }

    struct ExpertLine: Encodable {
        var id: String
        var name: String
        var organizationName: String
        var fieldLabels: String
        var load: Int
        /// The expert's maximum of reviews (their own, else the plan's), or nil for none.
        var maxReviews: Int?
        /// Whether the expert carries their maximum already.
        var full: Bool
        var onConference: Bool
        var onCooperation: Bool
    }

    struct AssignmentLine: Encodable {
        var id: String
        var expertName: String
        var statusLabel: String
        var status: String
        var removable: Bool
    }

    struct ApplicationLine: Encodable {
        var id: String
        /// 申报编号.
        var number: String
        var projectName: String
        var organizationName: String
        var categoryLabel: String
        var statusLabel: String
        var status: String
        var assignments: [AssignmentLine]
        var activeCount: Int
        var submittedCount: Int
        var short: Bool
        /// The experts and organisations the applicant asked to avoid (申请回避), for the province only.
        var avoidances: [AvoidanceLine]
    }

    struct AvoidanceLine: Encodable {
        var kindLabel: String
        var name: String
        var reason: String
    }

    /// A hand assignment waiting for the province's confirmation, with its warnings.
    struct Confirmation: Encodable {
        /// The form's action: `/review/assignments` or `/review/assignments/{id}/move`.
        var action: String
        var applicationId: String
        var expertId: String
        var warnings: [String]
    }

    var callYear: Int
    var plan: ReviewPlanService.View
    var criteria: [CriterionLine]
    var totalBudgetWan: String
    var experts: [ExpertLine]
    var applications: [ApplicationLine]
    var canAssign: Bool
    var canStart: Bool
    var canComplete: Bool
    /// Experts given a later deadline (延期), and whether one may be given (the plan has one).
    var extensions: [ReviewOversightService.ExtensionView]
    var canExtend: Bool
    /// Why the review can't start or end in the call's phase now, and what to do next.
    var phaseHint: String?
    var flash: String?
    var problems: [Problem]
    var errors: [String: String]
    var confirmation: Confirmation?

    /// The desk of `call`; a refused plan (`form`) comes back as typed, with its `problems`.
    static func load(
        call: CallModel, flash: String? = nil, problems: [Problem] = [], form: ReviewPlanDocument? = nil,
        confirmation: Confirmation? = nil, on db: any Database
    ) async throws -> ReviewDeskPage {
        let planModel = try await ReviewPlanModel.find(call: call.requireID(), on: db)
        var view = try ReviewPlanService.view(call: call, plan: planModel)
        // A refused plan comes back as typed, for the clerk to correct.
        let document = form ?? view.plan
        view.plan = document
        let context = try await ReviewContext.load(
            call: call, plan: document, statuses: ApplicationStatus.beforeDecision, on: db)
        let loads = context.loads
        let pool = context.experts.compactMap(\.id)
        let expertsByID = Dictionary(uniqueKeysWithValues: try context.experts.map { (try $0.requireID(), $0) })
        let labels = Dictionary(
            ExpertForm.fieldOptions(of: call.current).map { ($0.code, $0.label) }, uniquingKeysWith: { a, _ in a })
        let applications = try context.applications.map { application in
            let rows = context.reviews.filter { $0.$application.id == application.id }
            let active = rows.filter(\.isActive)
            return ApplicationLine(
                id: try application.requireID().uuidString, number: application.number ?? "",
                projectName: application.form.projectName ?? "未命名项目",
                organizationName: application.organizationSnapshot?.name ?? "",
                categoryLabel: FormTexts.categoryLabel(application.category), statusLabel: application.status.label,
                status: application.status.rawValue,
                assignments: try rows.map { review in
                    AssignmentLine(
                        id: try review.requireID().uuidString,
                        expertName: expertsByID[review.$expert.id]?.name ?? "（已停用）",
                        statusLabel: review.status.label, status: review.status.rawValue,
                        removable: review.status == .assigned || review.status == .draft)
                },
                activeCount: active.count, submittedCount: active.filter { $0.status == .submitted }.count,
                short: active.count < document.expertsPerApplication,
                avoidances: (application.form.avoidances ?? []).prefix(ApplicationRules.avoidanceLimit).map {
                    AvoidanceLine(
                        kindLabel: $0.kind.flatMap(AvoidanceKind.init(rawValue:))?.label ?? "专家或单位",
                        name: $0.name ?? "", reason: $0.reason ?? "")
                })
        }
        let approved = planModel?.state == .approved
        let startable = approved && context.applications.contains { $0.status == .accepted }
        let completable = context.applications.contains { $0.status == .inReview }
        return ReviewDeskPage(
            callYear: call.year, plan: view,
            criteria: document.criteria.map { CriterionLine(code: $0.code, name: $0.name, maxPoints: $0.maxPoints) },
            totalBudgetWan: ChineseFormat.wan(document.totalBudgetYuan),
            experts: try context.experts.map { expert in
                let expertID = try expert.requireID()
                return ExpertLine(
                    id: expertID.uuidString, name: expert.name, organizationName: expert.organizationName,
                    fieldLabels: expert.fields.map { labels[$0] ?? $0 }.joined(separator: "、"),
                    load: loads[expertID, default: 0], maxReviews: expert.maxReviews ?? document.maxReviewsPerExpert,
                    full: (expert.maxReviews ?? document.maxReviewsPerExpert).map { loads[expertID, default: 0] >= $0 }
                        ?? false,
                    onConference: document.panel(.conference, pool: pool).contains(expertID),
                    onCooperation: document.panel(.cooperation, pool: pool).contains(expertID))
            },
            applications: applications,
            canAssign: approved && context.applications.contains { $0.status == .accepted }
                && PhaseGate.allows(.assign, in: call.phase),
            canStart: startable && PhaseGate.allows(.startReview, in: call.phase),
            canComplete: completable && PhaseGate.allows(.completeReview, in: call.phase),
            extensions: try await ReviewOversightService.extensions(call: call, on: db),
            canExtend: document.deadline != nil && PhaseGate.allows(.score, in: call.phase),
            phaseHint: startable
                ? PhaseGate.refusal(.startReview, in: call.phase)?.message
                : completable ? PhaseGate.refusal(.completeReview, in: call.phase)?.message : nil,
            flash: flash,
            problems: problems, errors: FieldErrors.make(problems), confirmation: confirmation)
    }
}
