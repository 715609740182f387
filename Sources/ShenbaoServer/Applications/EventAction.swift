import ShenbaoCore

/// What an event of an application's history records: a step of the workflow, or one of the
/// steps beside it. The raw value is what the `action` column and the API's history carry, the
/// same strings as before the type existed (the hash chain covers them, so they never change).
enum EventAction: RawRepresentable, Hashable, Sendable {
    /// A transition of the workflow table, by its own name (`submit`, `accept`, …).
    case workflow(WorkflowAction)
    /// 新建申报书.
    case create
    /// 上传附件 / 删除附件.
    case attach, detach
    /// A member of the public's objection during the notice, and the province's answer.
    case objection, resolveObjection
    /// 移交其他推荐单位: the province hands the application to another recommender.
    case handover
    /// 记录经费拨付: finance records a payment of the funded project (issue 30).
    case disburse
    /// 申请项目变更 / 审核项目变更: the unit asks for a change of the funded project's plan, the
    /// province decides (issue 30).
    case requestChange
    case decideChange
    /// 提交报告 / 退回报告 / 报告审核通过: a report other than the final one (whose submission and
    /// return are workflow steps), and the province's acceptance of any report (issue 30).
    case submitReport, returnReport, acceptReport

    private static let others: [EventAction] = [
        .create, .attach, .detach, .objection, .resolveObjection, .handover, .disburse, .requestChange, .decideChange,
        .submitReport, .returnReport, .acceptReport,
    ]

    init?(rawValue: String) {
        if let step = WorkflowAction(rawValue: rawValue) {
            self = .workflow(step)
        } else if let other = Self.others.first(where: { $0.rawValue == rawValue }) {
            self = other
        } else {
            return nil
        }
    }

    var rawValue: String {
        switch self {
        case .workflow(let step): step.rawValue
        case .create: "create"
        case .attach: "attach"
        case .detach: "detach"
        case .objection: "objection"
        case .resolveObjection: "resolveObjection"
        case .handover: "handover"
        case .disburse: "disburse"
        case .requestChange: "requestChange"
        case .decideChange: "decideChange"
        case .submitReport: "submitReport"
        case .returnReport: "returnReport"
        case .acceptReport: "acceptReport"
        }
    }

    /// Every action, for the tests (no workflow step's name is taken by another action).
    static var allCases: [EventAction] { WorkflowAction.allCases.map(Self.workflow) + others }

    /// The history's wording; a workflow step is worded by who took it.
    func label(by role: Role?) -> String {
        switch self {
        case .workflow(let step): role.map { step.label(by: $0) } ?? step.label
        case .create: "新建申报书"
        case .attach: "上传附件"
        case .detach: "删除附件"
        case .objection: "提出公示异议"
        case .resolveObjection: "处理公示异议"
        case .handover: "移交其他推荐单位"
        case .disburse: "记录经费拨付"
        case .requestChange: "申请项目变更"
        case .decideChange: "审核项目变更"
        case .submitReport: "提交报告"
        case .returnReport: "退回报告"
        case .acceptReport: "报告审核通过"
        }
    }
}
