/// The paper the province received for an application at intake (形式审查): bound copies of the
/// form and non-confidentiality certificates, counted by the clerk, and the day they came.
public struct PaperReceipt: Codable, Hashable, Sendable {
    public var copies: Int?
    public var certificates: Int?
    public var receivedOn: Day?

    public init(copies: Int? = nil, certificates: Int? = nil, receivedOn: Day? = nil) {
        self.copies = copies
        self.certificates = certificates
        self.receivedOn = receivedOn
    }

    /// The counts as typed: each bounded, and both required to accept, since the record is
    /// what the clerk attests to.
    public static func countProblems(copies: Int?, certificates: Int?, required: Bool) -> [Problem] {
        let counts: [(Int?, String, String)] = [
            (copies, "paperCopiesReceived", "收到的纸质申报书份数"),
            (certificates, "certificatesReceived", "收到的非涉密证明份数"),
        ]
        return counts.compactMap { value, field, label in
            guard let value else {
                return required ? Problem(field: field, code: .required, message: "受理前请填写\(label)") : nil
            }
            return InputBounds.problem(value, in: InputBounds.paperCount, field: field, label: label, unit: "份")
        }
    }

    /// Fewer than the call asks for: a warning the clerk reads, not a refusal, since the missing
    /// copies are often on their way and the clerk decides whether to accept meanwhile.
    public func warnings(_ requirements: SubmissionRequirements) -> [String] {
        var warnings: [String] = []
        if let copies, copies < requirements.paperCopies {
            warnings.append(
                "纸质申报书收到\(copies)份，少于申报指南要求的\(requirements.paperCopies)份（缺\(requirements.paperCopies - copies)份）")
        }
        if let certificates, certificates < requirements.nonConfidentialityCopies {
            warnings.append(
                "非涉密证明收到\(certificates)份，少于申报指南要求的\(requirements.nonConfidentialityCopies)份（缺\(requirements.nonConfidentialityCopies - certificates)份）"
            )
        }
        return warnings
    }

    /// One line for a page: what came and when.
    public var summary: String {
        var parts: [String] = []
        if let copies { parts.append("纸质申报书\(copies)份") }
        if let certificates { parts.append("非涉密证明\(certificates)份") }
        if let receivedOn { parts.append("\(receivedOn.chinese)收到") }
        return parts.joined(separator: "，")
    }
}
