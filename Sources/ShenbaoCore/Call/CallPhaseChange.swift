/// Moving a call from one phase to the next (docs/rules.md §2), and what stops it. Phases go
/// forward one at a time; `notice` and `published` are entered by starting the notice and by
/// publishing, which carry their own checks, so a bare phase change to them is refused.
public enum CallPhaseChange {
    /// What the server knows about the call when the province asks to move it.
    public struct Facts: Equatable, Sendable {
        public var deadlinePassed: Bool
        public var hasDeadline: Bool
        public var planApproved: Bool
        /// Applications accepted by the province and still waiting for the review to start.
        public var acceptedNotInReview: Int
        /// Applications whose review has started but not been completed.
        public var inReview: Int

        public init(
            deadlinePassed: Bool, hasDeadline: Bool, planApproved: Bool = false, acceptedNotInReview: Int = 0,
            inReview: Int = 0
        ) {
            self.deadlinePassed = deadlinePassed
            self.hasDeadline = hasDeadline
            self.planApproved = planApproved
            self.acceptedNotInReview = acceptedNotInReview
            self.inReview = inReview
        }
    }

    /// Why the call can't move from `from` to `to`, or nil when it can.
    public static func refusal(from: CallPhase, to: CallPhase, facts: Facts) -> Problem? {
        func refuse(_ code: ErrorCode, _ message: String) -> Problem {
            Problem(field: "phase", code: code, message: message)
        }
        let phases = CallPhase.allCases
        guard from != to else { return refuse(.samePhase, "申报指南已处于“\(to.label)”阶段") }
        guard let index = phases.firstIndex(of: from), index + 1 < phases.count, phases[index + 1] == to else {
            let next = phases.firstIndex(of: from).flatMap { $0 + 1 < phases.count ? phases[$0 + 1] : nil }
            return refuse(
                .notNextPhase,
                "阶段只能依次推进：当前为“\(from.label)”，" + (next.map { "下一阶段是“\($0.label)”" } ?? "已是最后阶段"))
        }
        switch to {
        case .open:
            guard facts.hasDeadline else { return refuse(.noDeadline, "请先设置申报截止时间，再开始申报") }
            guard !facts.deadlinePassed else { return refuse(.deadlinePassed, "申报截止时间已过，请先修改截止时间再开始申报") }
        case .intake:
            guard facts.hasDeadline else {
                return refuse(.noDeadline, "尚未设置申报截止时间：请先在“日期与内容”中设置，截止后才能进入形式审查")
            }
            guard facts.deadlinePassed else {
                return refuse(.deadlineNotPassed, "申报截止时间未到，申报期结束后才能进入形式审查")
            }
        case .review:
            guard facts.planApproved else { return refuse(.planNotApproved, "评审方案尚未经财务审核同意，不能进入专家评审") }
        case .meeting:
            if facts.acceptedNotInReview > 0 || facts.inReview > 0 {
                return refuse(
                    .reviewNotComplete,
                    "专家评审尚未结束：还有\(facts.acceptedNotInReview + facts.inReview)份申报书未完成评审")
            }
        case .notice:
            return refuse(.useNotice, "请在“公示”页填写公示起始日期开始公示，申报指南随之进入公示阶段")
        case .published:
            return refuse(.usePublish, "请在公示期满、异议处理完毕后使用“发布立项名单”，申报指南随之进入立项阶段")
        case .draft, .closed:
            break
        }
        return nil
    }
}
