/// The one table of an application's status changes: who may do what from where, and where it
/// leads (docs/rules.md §5–§8). Every other part of the system asks here; none decides on its own.
///
/// The table knows statuses and roles only. Ownership (this applicant's application, the
/// recommender holding it), the call's phase and the completeness of the form are checked by
/// the caller before it applies an action.
public enum Workflow {
    /// One allowed step: `actor` may apply `action` to an application in `from`, which then is `to`.
    public struct Transition: Hashable, Sendable {
        public var from: ApplicationStatus
        public var action: WorkflowAction
        public var actor: Role
        public var to: ApplicationStatus

        public init(from: ApplicationStatus, action: WorkflowAction, actor: Role, to: ApplicationStatus) {
            self.from = from
            self.action = action
            self.actor = actor
            self.to = to
        }
    }

    public static let table: [Transition] = [
        // The applicant (§4–§5): submit a draft; withdraw until the province accepts it.
        Transition(from: .draft, action: .submit, actor: .applicant, to: .atRecommender),
        Transition(from: .draft, action: .withdraw, actor: .applicant, to: .withdrawn),
        Transition(from: .atRecommender, action: .withdraw, actor: .applicant, to: .withdrawn),
        Transition(from: .atProvince, action: .withdraw, actor: .applicant, to: .withdrawn),
        // The recommenders (§5): a county forwards to its city, the others to the province.
        Transition(from: .atRecommender, action: .recommendToCity, actor: .recommender, to: .atRecommender),
        Transition(from: .atRecommender, action: .recommendToProvince, actor: .recommender, to: .atProvince),
        Transition(from: .atRecommender, action: .returnForRevision, actor: .recommender, to: .draft),
        Transition(from: .atRecommender, action: .reject, actor: .recommender, to: .rejected),
        // The province's intake (§6).
        Transition(from: .atProvince, action: .accept, actor: .province, to: .accepted),
        Transition(from: .atProvince, action: .returnForRevision, actor: .province, to: .draft),
        Transition(from: .atProvince, action: .reject, actor: .province, to: .rejected),
        // Review and meeting (§7); the meeting may change its mind until the notice starts.
        Transition(from: .accepted, action: .startReview, actor: .province, to: .inReview),
        Transition(from: .inReview, action: .completeReview, actor: .province, to: .reviewed),
        Transition(from: .reviewed, action: .decideFunded, actor: .province, to: .funded),
        Transition(from: .reviewed, action: .decideNotFunded, actor: .province, to: .notFunded),
        Transition(from: .notFunded, action: .decideFunded, actor: .province, to: .funded),
        Transition(from: .funded, action: .decideNotFunded, actor: .province, to: .notFunded),
        // Notice and publication (§8).
        Transition(from: .funded, action: .startNotice, actor: .province, to: .inNotice),
        Transition(from: .inNotice, action: .upholdObjection, actor: .province, to: .notFunded),
        Transition(from: .inNotice, action: .approve, actor: .province, to: .approved),
        // The funded project (issue 30): the agreement, the final report, acceptance and closing.
        Transition(from: .approved, action: .submitAgreement, actor: .applicant, to: .agreementSubmitted),
        Transition(from: .agreementSubmitted, action: .returnAgreement, actor: .province, to: .approved),
        Transition(from: .agreementSubmitted, action: .confirmAgreement, actor: .province, to: .inProgress),
        Transition(from: .inProgress, action: .submitFinalReport, actor: .applicant, to: .reporting),
        Transition(from: .reporting, action: .returnFinalReport, actor: .province, to: .inProgress),
        Transition(from: .reporting, action: .passAcceptance, actor: .province, to: .acceptancePassed),
        Transition(from: .reporting, action: .failAcceptance, actor: .province, to: .acceptanceFailed),
        Transition(from: .acceptanceFailed, action: .submitFinalReport, actor: .applicant, to: .reporting),
        Transition(from: .acceptancePassed, action: .close, actor: .province, to: .closed),
        Transition(from: .acceptanceFailed, action: .close, actor: .province, to: .closed),
    ]

    /// The status after `role` applies `action` to an application in `status`, or why not.
    public static func apply(
        _ action: WorkflowAction, to status: ApplicationStatus, by role: Role
    ) throws(WorkflowRefusal) -> ApplicationStatus {
        let fromHere = table.filter { $0.from == status && $0.action == action }
        if let transition = fromHere.first(where: { $0.actor == role }) {
            return transition.to
        }
        if let allowed = fromHere.first {
            throw WorkflowRefusal(
                code: .forbiddenRole,
                message: "只有\(allowed.actor.label)可以对该申报书执行“\(action.label(by: allowed.actor))”")
        }
        throw refusal(action, in: status)
    }

    /// What `role` may do to an application in `status`, in table order (for the buttons of a page).
    public static func actions(from status: ApplicationStatus, by role: Role) -> [WorkflowAction] {
        table.filter { $0.from == status && $0.actor == role }.map(\.action)
    }

    /// Only a draft is edited: once submitted, the recommender and the province judge what they
    /// saw, and a returned application is a draft again.
    public static func isEditable(_ status: ApplicationStatus) -> Bool {
        status == .draft
    }

    /// Why `action` can't happen in `status`, in the words a clerk expects for the usual mistakes.
    private static func refusal(_ action: WorkflowAction, in status: ApplicationStatus) -> WorkflowRefusal {
        switch (action, status) {
        case (.submit, .withdrawn):
            return WorkflowRefusal(code: .alreadyWithdrawn, message: "该申报书已撤回，不能再提交，请新建申报书")
        case (.submit, .rejected):
            return WorkflowRefusal(code: .alreadyRejected, message: "该申报书未通过审核，不能再提交")
        case (.submit, _):
            return WorkflowRefusal(code: .alreadySubmitted, message: "该申报书已提交，不能重复提交")
        case (.withdraw, .withdrawn):
            return WorkflowRefusal(code: .alreadyWithdrawn, message: "该申报书已撤回，无需再次撤回")
        case (.withdraw, .rejected):
            return WorkflowRefusal(code: .alreadyRejected, message: "该申报书未通过审核，无需撤回")
        case (.withdraw, _):
            return WorkflowRefusal(
                code: .notWithdrawable,
                message: "该申报书已被省科协受理（当前状态：\(status.label)），不能撤回；如确需撤回，请联系省科协")
        default:
            return WorkflowRefusal(
                code: .notAllowedInStatus,
                message: "该申报书当前状态为“\(status.label)”，不能执行“\(action.label)”")
        }
    }
}
