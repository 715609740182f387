/// What an upload must be for its slot, judged once its real type is known (`FileType.detect`).
public enum AttachmentRules {
    /// The signed and stamped scan is the document the province files: a PDF, as the guide's
    /// "扫描电子版" is sent; the other slots take photos and Word files too.
    public static func acceptedTypes(_ kind: AttachmentKind) -> [FileType] {
        switch kind {
        case .signedScan, .agreement: [.pdf]
        // A change's proof is a scan or a photo (a partner's letter, a certificate), not a draft.
        case .changeEvidence: [.pdf, .jpeg, .png]
        default: FileType.allCases
        }
    }

    /// Problems of one upload, each named by its field (`file`, `condition`).
    /// `condition`: the priority condition an evidence file proves, empty or nil for none.
    public static func problems(
        kind: AttachmentKind, type: FileType, condition: String?, fileName: String, call: CallDefinition
    ) -> [Problem] {
        var problems: [Problem] = []
        if kind == .changeEvidence, !acceptedTypes(kind).contains(type) {
            problems.append(
                Problem(
                    field: "file", code: .unsupportedType,
                    message: "证明材料只接受 PDF、JPG 或 PNG 文件，“\(fileName)”是\(type.label)。请扫描或导出为 PDF，或拍照后上传"))
        } else if !acceptedTypes(kind).contains(type) {
            problems.append(
                Problem(
                    field: "file", code: .pdfRequired,
                    message:
                        "\(kind.label)只接受 PDF 文件，“\(fileName)”是\(type.label)。请将签字盖章后的\(kind == .agreement ? "项目任务书" : "申报书")扫描或导出为 PDF 后上传"
                ))
        }
        let code = condition.map(TextNormalization.trimmed) ?? ""
        if !code.isEmpty, kind != .reportEvidence {
            if kind != .evidence {
                problems.append(
                    Problem(
                        field: "condition", code: .conditionNotAllowed,
                        message: "只有佐证材料可以选择对应的优先考虑条件，\(kind.label)请不要选择"))
            } else if !call.priorityConditions.contains(where: { $0.code == code }),
                !(call.questions ?? []).contains(where: { $0.kind == .file && $0.code == code })
            {
                problems.append(
                    Problem(
                        field: "condition", code: .unknownOption,
                        message: "佐证材料对应的优先考虑条件“\(code.prefix(40))”不是本年度申报指南的优先考虑条件，请从列表中选择"))
            }
        }
        return problems
    }

    /// The condition as stored: trimmed, nil for none.
    public static func storedCondition(_ condition: String?) -> String? {
        let code = condition.map(TextNormalization.trimmed) ?? ""
        return code.isEmpty ? nil : code
    }
}
