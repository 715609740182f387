import Testing

@testable import ShenbaoCore

@Suite("申报指南阶段推进")
struct CallPhaseChangeTests {
    typealias Facts = CallPhaseChange.Facts

    static let ready = Facts(deadlinePassed: true, hasDeadline: true, planApproved: true)

    @Test(
        "phases move forward one at a time; notice and publication have their own pages",
        arguments: [
            (CallPhase.draft, CallPhase.open, Facts(deadlinePassed: false, hasDeadline: true), nil),
            (.draft, .open, Facts(deadlinePassed: false, hasDeadline: false), ErrorCode.noDeadline),
            (.draft, .open, Facts(deadlinePassed: true, hasDeadline: true), .deadlinePassed),
            (.draft, .intake, ready, .notNextPhase),
            (.open, .open, ready, .samePhase),
            (.open, .draft, ready, .notNextPhase),
            (.open, .intake, Facts(deadlinePassed: false, hasDeadline: true), .deadlineNotPassed),
            (.open, .intake, Facts(deadlinePassed: false, hasDeadline: false), .noDeadline),
            (.open, .intake, ready, nil),
            (.intake, .review, Facts(deadlinePassed: true, hasDeadline: true, planApproved: false), .planNotApproved),
            (.intake, .review, ready, nil),
            (
                .review, .meeting, Facts(deadlinePassed: true, hasDeadline: true, acceptedNotInReview: 1),
                .reviewNotComplete
            ),
            (.review, .meeting, Facts(deadlinePassed: true, hasDeadline: true, inReview: 2), .reviewNotComplete),
            (.review, .meeting, ready, nil),
            (.meeting, .notice, ready, .useNotice),
            (.notice, .published, ready, .usePublish),
            (.published, .closed, ready, nil),
            (.closed, .draft, ready, .notNextPhase),
        ] as [(CallPhase, CallPhase, Facts, ErrorCode?)])
    func change(from: CallPhase, to: CallPhase, facts: Facts, refused: ErrorCode?) {
        let problem = CallPhaseChange.refusal(from: from, to: to, facts: facts)
        #expect(problem?.code == refused?.rawValue)
        #expect(problem.map { $0.field == "phase" && !$0.message.isEmpty } ?? true)
    }

    @Test("a refusal says what to do: the next phase, or how many applications the review still has")
    func wording() {
        let skipped = CallPhaseChange.refusal(from: .open, to: .review, facts: Self.ready)
        #expect(skipped?.message == "阶段只能依次推进：当前为“申报中”，下一阶段是“形式审查”")
        let last = CallPhaseChange.refusal(from: .closed, to: .open, facts: Self.ready)
        #expect(last?.message == "阶段只能依次推进：当前为“已结束”，已是最后阶段")
        let unfinished = CallPhaseChange.refusal(
            from: .review, to: .meeting,
            facts: Facts(deadlinePassed: true, hasDeadline: true, acceptedNotInReview: 2, inReview: 3))
        #expect(unfinished?.message == "专家评审尚未结束：还有5份申报书未完成评审")
    }
}
