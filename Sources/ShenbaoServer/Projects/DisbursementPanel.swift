import Fluent
import Foundation
import ShenbaoCore

/// The 经费拨付 section of a funded project's page (`applications/_disbursements.leaf`): the
/// payments, 批准 / 已拨付 / 剩余 in 万元, and for finance the form with what was typed and
/// each problem beside its field.
struct DisbursementPanel: Encodable {
    struct Row: Encodable {
        var paidOn: String
        var amountWan: String
        var phase: String
        var voucherNumber: String
        var note: String
    }
    struct PhaseOption: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }
    /// What finance typed, shown again when the form comes back.
    struct Typed: Encodable {
        var paidOn = ""
        var amountWan = ""
        var phaseIndex = ""
        var voucherNumber = ""
        var note = ""
    }

    var applicationId: String
    var rows: [Row]
    var approvedWan: String
    var paidWan: String
    var remainingWan: String
    /// Finance, while the project is underway: the form is shown.
    var canRecord: Bool
    /// Finance before the project is underway: why there is no form.
    var waiting: String?
    var phases: [PhaseOption]
    var typed: Typed
    /// Problems by field (`paidOn`, `amountWan`, `phaseIndex`, `voucherNumber`, `note`).
    var errors: [String: String]
    /// Every problem, for the summary above the form.
    var problems: [String]
    var today: String

    /// The section for `user`, or nil when the project is not funded or the user does not follow
    /// payments (experts).
    static func load(
        _ application: ApplicationModel, user: AuthenticatedUser, now: Date, typed: Typed = Typed(),
        problems: [Problem] = [], on db: any Database
    ) async throws -> DisbursementPanel? {
        guard ApplicationStatus.fundedProject.contains(application.status),
            [.applicant, .recommender, .province, .finance].contains(user.role)
        else { return nil }
        let id = try application.requireID()
        let list = try await DisbursementService.list(id, on: db)
        let phases = application.form.phases ?? []
        func phaseLabel(_ index: Int?) -> String {
            guard let index, phases.indices.contains(index) else { return "—" }
            return "第\(index + 1)阶段"
        }
        var errors: [String: String] = [:]
        for problem in problems {
            errors[problem.field] = errors[problem.field].map { $0 + "；" + problem.message } ?? problem.message
        }
        let underway = ApplicationStatus.underway.contains(application.status)
        return DisbursementPanel(
            applicationId: id.uuidString,
            rows: list.items.map {
                Row(
                    paidOn: Day($0.paidOn)?.chinese ?? $0.paidOn, amountWan: WanAmount.wanText($0.amountYuan),
                    phase: phaseLabel($0.phaseIndex), voucherNumber: $0.voucherNumber, note: $0.note ?? "")
            },
            approvedWan: WanAmount.wanText(list.approvedYuan), paidWan: WanAmount.wanText(list.paidYuan),
            remainingWan: WanAmount.wanText(list.remainingYuan),
            canRecord: user.role == .finance && underway,
            waiting: user.role == .finance && !underway
                ? "项目当前状态为“\(application.status.label)”，任务书确认、项目进入执行后方可登记拨付。" : nil,
            phases: [PhaseOption(value: "", label: "不对应具体阶段", selected: typed.phaseIndex.isEmpty)]
                + phases.indices.map { index in
                    let budget = phases[index].budgetYuan.map { "（预算\(WanAmount.withUnit($0))）" } ?? ""
                    return PhaseOption(
                        value: String(index), label: "第\(index + 1)阶段\(budget)",
                        selected: typed.phaseIndex == String(index))
                },
            typed: typed, errors: errors, problems: problems.map(\.message),
            today: ChineseFormat.today(now).description)
    }
}
