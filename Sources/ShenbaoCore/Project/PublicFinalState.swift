/// 验收结果 on the published funded list (立项名单, issue 30 item 7), for a call that publishes it
/// (`CallDefinition.publishesFinalState`): what the public reads of a project once the province
/// has decided its acceptance. A project still running has none: the list says nothing of it.
public enum PublicFinalState {
    /// The list's column.
    public static let column = "验收结果"
    /// What the column shows for a project without one.
    public static let none = "—"

    /// The text of a project in `status`; `closedFrom`, for a closed project, the status it was
    /// closed from (验收通过 or 验收未通过), when known.
    public static func label(_ status: ApplicationStatus, closedFrom: ApplicationStatus? = nil) -> String? {
        switch status {
        case .acceptancePassed: "验收通过"
        case .acceptanceFailed: "验收未通过"
        case .closed:
            switch closedFrom {
            case .acceptancePassed: "已结题（验收通过）"
            case .acceptanceFailed: "已结题（验收未通过）"
            default: "已结题"
            }
        default: nil
        }
    }
}
