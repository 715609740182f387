/// The province's formal check (形式审查) item by item, as the guide's 申报要求 and 申报材料 list
/// them: each item with what the system found itself, a hint beside the box the clerk ticks.
public enum IntakeChecklist {
    public struct Item: Codable, Hashable, Sendable {
        public var code: String
        public var label: String
        /// What the system found, shown beside the box.
        public var found: String
    }

    /// What the checklist needs of an uploaded file.
    public struct File: Hashable, Sendable {
        public var kind: AttachmentKind
        /// The priority condition an evidence file proves, if it names one.
        public var conditionCode: String?

        public init(kind: AttachmentKind, conditionCode: String? = nil) {
            self.kind = kind
            self.conditionCode = conditionCode
        }
    }

    /// The fixed items, then one per priority condition claimed. `applicantKind` and
    /// `divisionCode` are the applicant organisation's as submitted (or as it stands now).
    public static func items(
        form: ApplicationForm, applicantKind: String?, divisionCode: String?, files: [File], call: CallDefinition
    ) -> [Item] {
        let kinds = Set(files.map(\.kind))
        let need = call.submission
        var items = [
            Item(
                code: "applicantKind", label: "申报单位类别符合申报条件",
                found: call.applicantKinds.first { $0.code == applicantKind }?.label ?? "未填写"),
            Item(
                code: "division", label: "属地与推荐渠道相符",
                found: divisionCode.flatMap { DivisionCatalog.hunan.displayName(code: $0) } ?? "省外或未填写"),
            Item(code: "declarations", label: "申报条件声明均已确认", found: declarations(form)),
            Item(
                code: "commitment", label: "申报单位承诺已确认",
                found: form.commitment?.accepted == true ? "已确认（\(form.commitment?.acceptedBy ?? "")）" : "未确认"),
            Item(
                code: "attachments", label: "签字盖章扫描件、非涉密证明齐全",
                found: [AttachmentKind.signedScan, .nonConfidentiality].map {
                    "\($0.label)\(kinds.contains($0) ? "✓" : "✗")"
                }.joined(separator: "　")),
            Item(
                code: "evidence", label: "佐证材料能证明符合申报条件、申报书所述情况和申报单位优势，所申报的优先条件均有佐证",
                found: evidence(form, call: call, files: files)),
            Item(
                code: "budget", label: "申请金额在资助额度之内",
                found: form.requestedYuan.map { WanAmount.wanText($0) + " 万元" } ?? "未填写"),
            Item(
                code: "paperCopies",
                label: "纸质材料已收到（申报书\(need.paperCopies)份、非涉密证明\(need.nonConfidentialityCopies)份）",
                found: "请在下方填写收到的份数和日期"),
        ]
        for claim in form.priorityClaims ?? [] {
            guard let code = claim.code, let condition = call.priorityConditions.first(where: { $0.code == code })
            else { continue }
            items.append(
                Item(code: "priority.\(code)", label: "优先条件已核实：\(condition.label)", found: claim.evidence ?? ""))
        }
        return items
    }

    /// The evidence files: how many, and for each priority condition claimed whether one names it.
    static func evidence(_ form: ApplicationForm, call: CallDefinition, files: [File]) -> String {
        let evidence = files.filter { $0.kind == .evidence }
        let named = Set(evidence.compactMap(\.conditionCode))
        var parts = ["佐证材料\(evidence.count)份"]
        for code in Set((form.priorityClaims ?? []).compactMap(\.code)).sorted() {
            guard let condition = call.priorityConditions.first(where: { $0.code == code }) else { continue }
            parts.append("\(condition.label)\(named.contains(code) ? "✓" : "✗")")
        }
        return parts.joined(separator: "　")
    }

    static func declarations(_ form: ApplicationForm) -> String {
        let d = form.eligibilityDeclarations
        let all = [d?.independentLegalPerson, d?.noSubcontracting, d?.teamAndControls, d?.lawCompliance]
        return "已确认 \(all.filter { $0 == true }.count)/4 项"
    }
}
