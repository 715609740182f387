import Foundation
import ShenbaoTestSupport
import Testing

@testable import ShenbaoCore

@Suite("申报步骤")
struct ApplicationStepTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let facts: ApplicationStep.Facts
        let expected: ApplicationStep?

        init(_ description: String, _ flags: String, _ expected: ApplicationStep?) {
            // Five letters, one per fact in Facts' order: Y yes, n no.
            let on = flags.map { $0 == "Y" }
            testDescription = description
            facts = .init(
                formComplete: on[0], signedScanCurrent: on[1], attachmentsComplete: on[2], submitted: on[3],
                paperReceived: on[4])
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        .init("a blank draft is filled first", "nnnnn", .fill),
        .init("an early scan does not skip the form", "nYYnn", .fill),
        .init("a complete form without a scan is downloaded to sign", "Ynnnn", .download),
        .init("a scan older than the form is a new download", "YnYnn", .download),
        .init("a current scan without the other files is an upload", "YYnnn", .upload),
        .init("everything there: submit", "YYYnn", .submit),
        .init("submitted: the paper goes by post", "YYYYn", .sendPaper),
        .init("a submitted application whose files changed still only waits for paper", "nnnYn", .sendPaper),
        .init("paper received: every step done", "YYYYY", nil),
    ]

    @Test(arguments: cases) func currentStep(_ item: Case) {
        #expect(ApplicationStep.current(item.facts) == item.expected)
    }

    @Test func stepsInTheGuidesOrder() {
        #expect(
            ApplicationStep.allCases.map(\.label) == [
                "填写", "下载 Word/PDF", "签字盖章并扫描", "上传", "选择推荐渠道并提交", "寄送纸质材料",
            ])
    }

    @Test(
        "a scan is outdated only when the form changed after it",
        arguments: [
            (nil, nil, false), (nil, 10.0, false), (10.0, nil, false), (5.0, 10.0, false), (10.0, 10.0, false),
            (11.0, 10.0, true),
        ] as [(Double?, Double?, Bool)])
    func scanOutdated(changed: Double?, scanned: Double?, expected: Bool) {
        #expect(
            ApplicationStep.scanOutdated(
                formChangedAt: changed.map(Date.init(timeIntervalSince1970:)),
                scanUploadedAt: scanned.map(Date.init(timeIntervalSince1970:))) == expected)
    }

    @Test(arguments: [Category.conference, .cooperation])
    func aBlankDraftHasNothingWrongOnlyThingsMissing(category: Category) throws {
        let problems = ApplicationRules.problems(
            in: ApplicationForm(), category: category, call: try CallDefinition.guide2025(), attachments: [])
        #expect(!problems.isEmpty)
        #expect(problems.filter { !ApplicationStep.isIncomplete($0) }.map(\.field) == [])
    }

    @Test func aWrongValueIsNotIncomplete() throws {
        var form = CompleteApplication.conference(claimingPriority: true)
        form.contactPhone = "123"
        let problems = ApplicationRules.problems(
            in: form, category: .conference, call: try CallDefinition.guide2025(),
            attachments: CompleteApplication.attachmentsClaimingPriority)
        #expect(problems.map(\.field) == ["contactPhone"])
        #expect(problems.allSatisfy { !ApplicationStep.isIncomplete($0) })
    }
}
