import Testing

@testable import ShenbaoCore

@Suite("paper received at intake")
struct PaperReceiptTests {
    @Test(
        "counts as field code",
        arguments: [
            (6, 2, true, []),
            (0, 0, true, []),
            (nil, nil, false, []),
            (nil, 2, true, ["paperCopiesReceived required"]),
            (nil, nil, true, ["paperCopiesReceived required", "certificatesReceived required"]),
            (-1, 2, false, ["paperCopiesReceived outOfBounds"]),
            (6, Int.max, true, ["certificatesReceived outOfBounds"]),
            (Int.min, 101, true, ["paperCopiesReceived outOfBounds", "certificatesReceived outOfBounds"]),
        ] as [(Int?, Int?, Bool, [String])])
    func counts(copies: Int?, certificates: Int?, required: Bool, expected: [String]) {
        let found = PaperReceipt.countProblems(copies: copies, certificates: certificates, required: required)
        #expect(found.map { "\($0.field) \($0.code)" } == expected)
    }

    @Test func boundsAreNamedInChinese() {
        let found = PaperReceipt.countProblems(copies: -1, certificates: nil, required: true)
        #expect(
            found.map(\.message) == [
                "收到的纸质申报书份数应在0份至100份之间，现为-1份", "受理前请填写收到的非涉密证明份数",
            ])
    }

    @Test(
        "fewer than the call asks is a warning",
        arguments: [
            (6, 2, 0), (7, 3, 0), (5, 2, 1), (6, 1, 1), (0, 0, 2), (nil, nil, 0),
        ] as [(Int?, Int?, Int)])
    func warnings(copies: Int?, certificates: Int?, count: Int) throws {
        let receipt = PaperReceipt(copies: copies, certificates: certificates)
        #expect(receipt.warnings(try CallDefinition.guide2025().submission).count == count)
    }

    @Test func warningSaysWhatIsMissing() throws {
        let receipt = PaperReceipt(copies: 4, certificates: 1, receivedOn: Day("2025-05-20"))
        #expect(
            receipt.warnings(try CallDefinition.guide2025().submission) == [
                "纸质申报书收到4份，少于申报指南要求的6份（缺2份）", "非涉密证明收到1份，少于申报指南要求的2份（缺1份）",
            ])
        #expect(receipt.summary == "纸质申报书4份，非涉密证明1份，2025年5月20日收到")
    }
}
