/// Which phase of the call each step of the work belongs to, and what a person is told when
/// the step is tried in another one: the phase it is in, the phase the step needs, and the
/// next thing to do. Pages offer a step only where `allows` says so; services refuse the rest.
public enum PhaseGate {
    public enum Step: String, CaseIterable, Sendable {
        case assign, startReview, score, completeReview, recordDecisions, confirmMinutes, startNotice

        public var label: String {
            switch self {
            case .assign: "分配评审专家"
            case .startReview: "开始专家评审"
            case .score: "专家评分"
            case .completeReview: "结束专家评审"
            case .recordDecisions: "记录会议决定"
            case .confirmMinutes: "确认会议纪要"
            case .startNotice: "开始公示"
            }
        }

        /// The phases the step is done in. Starting the review moves the call into 专家评审,
        /// ending it into 会议审议: the step is the phase change.
        public var phases: [CallPhase] {
            switch self {
            case .assign, .startReview: [.intake, .review]
            case .score, .completeReview: [.review]
            case .recordDecisions, .confirmMinutes, .startNotice: [.meeting]
            }
        }
    }

    public static func allows(_ step: Step, in phase: CallPhase) -> Bool { step.phases.contains(phase) }

    /// Why `step` can't be done while the call is in `phase`, or nil when it can.
    public static func refusal(_ step: Step, in phase: CallPhase) -> Problem? {
        guard !allows(step, in: phase) else { return nil }
        let needed = step.phases.map { "“\($0.label)”" }.joined(separator: "或")
        let order = CallPhase.allCases
        let last = step.phases.compactMap { order.firstIndex(of: $0) }.max() ?? 0
        let isLate = (order.firstIndex(of: phase) ?? 0) > last
        let next = isLate ? "该环节已经结束。" : "下一步：\(nextStep(from: phase))。"
        return Problem(
            field: "phase", code: .wrongPhase,
            message: "“\(step.label)”在\(needed)阶段进行，当前为“\(phase.label)”阶段。\(next)")
    }

    /// What moves the call on from `phase`, in the words of the pages where it is done.
    public static func nextStep(from phase: CallPhase) -> String {
        switch phase {
        case .draft: "在“指南管理”设置申报截止时间，进入“申报中”阶段"
        case .open: "申报截止后，在“指南管理”进入“形式审查”阶段"
        case .intake: "受理完毕、评审方案经财务审核同意后，在“专家评审”页开始专家评审"
        case .review: "专家全部提交评审意见后，在“专家评审”页结束专家评审"
        case .meeting: "记录会议决定并确认会议纪要后，在“公示与立项”页开始公示"
        case .notice: "公示期满、异议处理完毕后，在“公示与立项”页发布立项名单"
        case .published, .closed: "本年度的申报工作已经完成"
        }
    }
}
