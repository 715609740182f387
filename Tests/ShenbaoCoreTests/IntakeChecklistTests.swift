import Testing

@testable import ShenbaoCore

@Suite struct IntakeChecklistTests {
    static let condition = "recentInternationalEvents"

    static func form(declared: Int, committed: Bool, claim: Bool) -> ApplicationForm {
        var form = ApplicationForm()
        let yes = (0..<4).map { $0 < declared }
        form.eligibilityDeclarations = EligibilityDeclarations(
            independentLegalPerson: yes[0], noSubcontracting: yes[1], teamAndControls: yes[2], lawCompliance: yes[3])
        form.commitment = Commitment(accepted: committed, acceptedBy: committed ? "李嘉" : nil)
        form.phases = [Phase(budgetYuan: 80_000), Phase(budgetYuan: 70_500)]
        form.priorityClaims = claim ? [PriorityClaim(code: condition, evidence: "2024年与IEEE联合举办国际会议")] : []
        return form
    }

    /// What the clerk sees beside each box, for an application with everything and one with gaps.
    @Test(
        arguments: [
            (
                "complete", 4, true, true, "nationalSociety", "430104",
                [
                    IntakeChecklist.File(kind: .signedScan), .init(kind: .nonConfidentiality),
                    .init(kind: .evidence, conditionCode: condition),
                ],
                [
                    "applicantKind=国家级学会", "division=长沙市 岳麓区", "declarations=已确认 4/4 项", "commitment=已确认（李嘉）",
                    "attachments=申报书签字盖章扫描件✓　非涉密证明✓",
                    "evidence=佐证材料1份　近三年与国际科技组织举办过具有国际影响力的国际学术会议、专题沙龙、合作培训等活动的单位✓",
                    "budget=15.05 万元", "paperCopies=请在下方填写收到的份数和日期",
                    "priority.recentInternationalEvents=2024年与IEEE联合举办国际会议",
                ]
            ),
            (
                "gaps", 2, false, false, nil, nil, [IntakeChecklist.File(kind: .evidence)],
                [
                    "applicantKind=未填写", "division=省外或未填写", "declarations=已确认 2/4 项", "commitment=未确认",
                    "attachments=申报书签字盖章扫描件✗　非涉密证明✗", "evidence=佐证材料1份", "budget=15.05 万元",
                    "paperCopies=请在下方填写收到的份数和日期",
                ]
            ),
        ] as [(String, Int, Bool, Bool, String?, String?, [IntakeChecklist.File], [String])])
    func items(
        _ name: String, declared: Int, committed: Bool, claim: Bool, kind: String?, division: String?,
        files: [IntakeChecklist.File], expected: [String]
    ) throws {
        let items = IntakeChecklist.items(
            form: Self.form(declared: declared, committed: committed, claim: claim), applicantKind: kind,
            divisionCode: division, files: files, call: try CallDefinition.guide2025())
        #expect(items.map { "\($0.code)=\($0.found)" } == expected)
        #expect(items.first { $0.code == "paperCopies" }?.label == "纸质材料已收到（申报书6份、非涉密证明2份）")
    }
}
