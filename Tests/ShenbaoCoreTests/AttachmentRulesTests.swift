import Testing

@testable import ShenbaoCore

@Suite("what an upload must be for its slot")
struct AttachmentRulesTests {
    @Test(
        "types and conditions, as field code",
        arguments: [
            // The signed scan is a PDF, nothing else.
            (AttachmentKind.signedScan, FileType.pdf, nil, []),
            (.signedScan, .jpeg, nil, ["file pdfRequired"]),
            (.signedScan, .png, nil, ["file pdfRequired"]),
            (.signedScan, .docx, nil, ["file pdfRequired"]),
            // Other slots take every accepted type.
            (.nonConfidentiality, .jpeg, nil, []),
            (.evidence, .docx, nil, []),
            (.evidence, .png, "", []),
            // Evidence may name a condition of the call, and only evidence.
            (.evidence, .pdf, "overseasTalentBase", []),
            (.evidence, .pdf, " organizationLeadership ", []),
            (.evidence, .pdf, "noSuchCondition", ["condition unknownOption"]),
            (.nonConfidentiality, .pdf, "overseasTalentBase", ["condition conditionNotAllowed"]),
            // All problems at once.
            (.signedScan, .jpeg, "overseasTalentBase", ["file pdfRequired", "condition conditionNotAllowed"]),
        ] as [(AttachmentKind, FileType, String?, [String])])
    func problems(kind: AttachmentKind, type: FileType, condition: String?, expected: [String]) throws {
        let found = AttachmentRules.problems(
            kind: kind, type: type, condition: condition, fileName: "扫描件.jpg", call: try CallDefinition.guide2025())
        #expect(found.map { "\($0.field) \($0.code)" } == expected)
    }

    @Test func aPhotoOfTheSignedFormIsRefusedInChinese() throws {
        let found = AttachmentRules.problems(
            kind: .signedScan, type: .jpeg, condition: nil, fileName: "盖章页.jpg", call: try CallDefinition.guide2025())
        #expect(
            found.map(\.message) == [
                "申报书签字盖章扫描件只接受 PDF 文件，“盖章页.jpg”是JPEG 图片。请将签字盖章后的申报书扫描或导出为 PDF 后上传"
            ])
    }

    @Test func conditionsAreStoredTrimmedOrNotAtAll() {
        #expect(AttachmentRules.storedCondition(nil) == nil)
        #expect(AttachmentRules.storedCondition("  ") == nil)
        #expect(AttachmentRules.storedCondition(" overseasTalentBase\n") == "overseasTalentBase")
    }
}
