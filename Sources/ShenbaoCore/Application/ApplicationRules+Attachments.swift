extension ApplicationRules {
    /// The attachments every application needs: the signed and stamped scan, the
    /// non-confidentiality certificate and evidence. The guide: "附件中应包含能证明符合申报条件、
    /// 项目申报书中所述情况和申报单位优势的有关佐证材料".
    static let requiredAttachments: [AttachmentKind] = [.signedScan, .nonConfidentiality, .evidence]

    /// Each required kind present, and for each priority condition claimed an evidence file
    /// named for it, so the province can verify every advantage the applicant asks to count.
    static func attachmentProblems(
        _ files: [AttachedFile], claims: [PriorityClaim]?, call: CallDefinition
    ) -> [Problem] {
        let kinds = Set(files.map(\.kind))
        var problems: [Problem] = requiredAttachments.filter { !kinds.contains($0) }.map { kind in
            Problem(
                field: "attachments.\(kind.rawValue)", code: .missingAttachment,
                message: kind == .evidence
                    ? "请上传佐证材料（能证明符合申报条件、申报书中所述情况和申报单位优势的材料），至少一份"
                    : "请上传\(kind.label)")
        }
        let proven = Set(files.filter { $0.kind == .evidence }.compactMap(\.condition))
        var asked: Set<String> = []
        for claim in (claims ?? []).prefix(priorityClaimLimit) {
            // Unknown or repeated claims are already problems of their own (priorityClaimProblems).
            guard let code = claim.code.map(TextNormalization.trimmed),
                let condition = call.priorityConditions.first(where: { $0.code == code }),
                asked.insert(code).inserted, !proven.contains(code)
            else { continue }
            problems.append(
                Problem(
                    field: "attachments.evidence.\(code)", code: .missingEvidence,
                    message: "请上传优先考虑条件“\(condition.label)”的佐证材料（上传佐证材料时选择该条件）"))
        }
        return problems
    }
}
