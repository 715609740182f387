import Testing

@testable import ShenbaoCore

@Suite("验收结果 on the published funded list")
struct PublicFinalStateTests {
    @Test(
        "decided acceptance shows, a closed project says how it ended, a running one shows nothing",
        arguments: [
            (ApplicationStatus.acceptancePassed, ApplicationStatus?.none, String?("验收通过")),
            (.acceptanceFailed, nil, "验收未通过"),
            (.closed, .acceptancePassed, "已结题（验收通过）"),
            (.closed, .acceptanceFailed, "已结题（验收未通过）"),
            (.closed, nil, "已结题"),
            (.approved, nil, nil),
            (.inProgress, nil, nil),
            (.reporting, nil, nil),
        ])
    func label(status: ApplicationStatus, closedFrom: ApplicationStatus?, expected: String?) {
        #expect(PublicFinalState.label(status, closedFrom: closedFrom) == expected)
    }
}
