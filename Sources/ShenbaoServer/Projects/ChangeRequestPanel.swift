import Fluent
import Foundation
import ShenbaoCore

/// The 项目变更 section of a funded project's page (`applications/_changes.leaf`): the changes
/// asked for and decided, the unit's request form while the project is underway, and the
/// province's decision form beside a waiting request. What was typed comes back with each
/// problem beside its field.
struct ChangeRequestPanel: Encodable {
    struct Row: Encodable {
        var id: String
        var createdAt: String
        var kind: String
        var before: String
        var after: String
        var reason: String
        var state: String
        var comment: String
        /// The province, on a waiting request: the decision form is shown.
        var canDecide: Bool
        /// 证明材料: the file's name and where to download it; nil when none was given.
        var evidenceName: String?
        var evidenceURL: String?
    }
    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }
    struct BudgetInput: Encodable {
        var name: String
        var label: String
        var value: String
        var error: String?
    }
    /// What the unit typed, shown again when the form comes back.
    struct Typed: Encodable {
        var kind = ""
        var newEnd = ""
        var mainContent = ""
        var partners = ""
        var budgetsWan: [String] = []
        var leader = ""
        var reason = ""
    }

    var applicationId: String
    var rows: [ChangeRequestPanel.Row]
    var canRequest: Bool
    /// Why the unit has no form now (a request waits, or the project is not underway).
    var waiting: String?
    var kinds: [Option]
    var budgets: [BudgetInput]
    var currentEnd: String
    var typed: Typed
    /// Problems by field (`kind`, `newEnd`, `mainContent`, `partners`, `budgetsYuan`, `leader`, `reason`).
    var errors: [String: String]
    var problems: [String]
    /// The province's decision form that came back: its comment and problem.
    var decisionId: String
    var decisionComment: String
    var decisionError: String?
    /// The largest evidence file, in MB, for the form's hint.
    var evidenceMaxMB: Int

    static func load(
        _ application: ApplicationModel, user: AuthenticatedUser, typed: Typed = Typed(), problems: [Problem] = [],
        decision: (id: String, comment: String, problems: [Problem])? = nil, maxEvidenceBytes: Int,
        on db: any Database
    ) async throws -> ChangeRequestPanel? {
        guard ApplicationStatus.fundedProject.contains(application.status),
            [.applicant, .recommender, .province, .finance].contains(user.role)
        else { return nil }
        let id = try application.requireID()
        let models = try await ChangeRequestService.models(id, on: db)
        let files = try await ChangeRequestService.evidence(of: models, on: db)
        let underway = ApplicationStatus.underway.contains(application.status)
        let pending = models.contains { $0.state == ChangeRequestModel.State.pending.rawValue }
        let owner = ApplicationAccess.isOwner(user, application)
        var errors: [String: String] = [:]
        for problem in problems {
            errors[problem.field] = errors[problem.field].map { $0 + "；" + problem.message } ?? problem.message
        }
        let phases = application.form.phases ?? []
        let rows = models.map { model -> ChangeRequestPanel.Row in
            let kind = ChangeRequest.Kind(rawValue: model.kind)
            let before = model.before ?? ChangeRequest.Part.of(application.form, kind: model.request.kind)
            let isPending = model.state == ChangeRequestModel.State.pending.rawValue
            return ChangeRequestPanel.Row(
                id: model.id?.uuidString ?? "", createdAt: model.createdAt.map(ChineseFormat.dateTime) ?? "",
                kind: kind?.label ?? model.kind, before: before.text, after: model.request.text, reason: model.reason,
                state: ChangeRequestModel.State(rawValue: model.state)?.label ?? model.state,
                comment: model.decisionComment ?? "", canDecide: isPending && user.role == .province && underway,
                evidenceName: model.evidenceAttachmentID.flatMap { files[$0]?.name },
                evidenceURL: model.evidenceAttachmentID.flatMap { files[$0] }.map { _ in
                    ChangeRequestService.evidenceURL(model)
                })
        }
        var waiting: String?
        if owner && pending {
            waiting = "已有一项变更申请等待省科协审核，审核后才能提出新的变更申请。"
        } else if owner && !underway {
            waiting = "项目当前状态为“\(application.status.label)”，项目执行中（任务书确认后）至验收结束前可以申请变更。"
        }
        return ChangeRequestPanel(
            applicationId: id.uuidString, rows: rows, canRequest: owner && underway && !pending, waiting: waiting,
            kinds: [Option(value: "", label: "请选择", selected: typed.kind.isEmpty)]
                + ChangeRequest.Kind.allCases.map {
                    Option(value: $0.rawValue, label: $0.label, selected: typed.kind == $0.rawValue)
                },
            budgets: phases.indices.map { index in
                let current = phases[index].budgetYuan.map(WanAmount.wanText) ?? ""
                return BudgetInput(
                    name: "budget\(index)", label: "第\(index + 1)阶段（现为\(current.isEmpty ? "0" : current)万元）",
                    value: typed.budgetsWan.indices.contains(index) ? typed.budgetsWan[index] : "",
                    error: errors["budgetsYuan[\(index)]"])
            },
            currentEnd: application.form.period?.end?.chinese ?? "未填写", typed: typed, errors: errors,
            problems: problems.map(\.message), decisionId: decision?.id ?? "",
            decisionComment: decision?.comment ?? "",
            decisionError: decision.flatMap {
                $0.problems.isEmpty ? nil : $0.problems.map(\.message).joined(separator: "；")
            }, evidenceMaxMB: maxEvidenceBytes / 1024 / 1024)
    }
}
