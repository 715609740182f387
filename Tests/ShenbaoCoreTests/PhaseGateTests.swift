import ShenbaoCore
import Testing

@Suite("Each step of the work in its phase")
struct PhaseGateTests {
    @Test(
        "steps are allowed exactly in their phases",
        arguments: [
            (PhaseGate.Step.startReview, CallPhase.open, false), (.startReview, .intake, true),
            (.startReview, .review, true),
            (.completeReview, .intake, false), (.completeReview, .review, true),
            (.recordDecisions, .review, false), (.recordDecisions, .meeting, true),
            (.confirmMinutes, .review, false), (.confirmMinutes, .meeting, true), (.confirmMinutes, .notice, false),
            (.startNotice, .review, false), (.startNotice, .meeting, true),
            (.assign, .open, false), (.assign, .intake, true), (.assign, .review, true), (.assign, .meeting, false),
            (.score, .intake, false), (.score, .review, true), (.score, .meeting, false),
        ])
    func allowed(step: PhaseGate.Step, phase: CallPhase, expected: Bool) {
        #expect(PhaseGate.allows(step, in: phase) == expected)
        #expect((PhaseGate.refusal(step, in: phase) == nil) == expected)
    }

    @Test(
        "a refusal names the phase now, the phase needed and the next step",
        arguments: [
            (
                PhaseGate.Step.confirmMinutes, CallPhase.review,
                "“确认会议纪要”在“会议审议”阶段进行，当前为“专家评审”阶段。下一步：专家全部提交评审意见后，在“专家评审”页结束专家评审。"
            ),
            (
                .startReview, .open,
                "“开始专家评审”在“形式审查”或“专家评审”阶段进行，当前为“申报中”阶段。下一步：申报截止后，在“指南管理”进入“形式审查”阶段。"
            ),
            (.recordDecisions, .notice, "“记录会议决定”在“会议审议”阶段进行，当前为“公示中”阶段。该环节已经结束。"),
            (.score, .meeting, "“专家评分”在“专家评审”阶段进行，当前为“会议审议”阶段。该环节已经结束。"),
            (.assign, .meeting, "“分配评审专家”在“形式审查”或“专家评审”阶段进行，当前为“会议审议”阶段。该环节已经结束。"),
        ])
    func message(step: PhaseGate.Step, phase: CallPhase, expected: String) {
        #expect(PhaseGate.refusal(step, in: phase)?.message == expected)
        #expect(PhaseGate.refusal(step, in: phase)?.code == "wrongPhase")
    }
}
