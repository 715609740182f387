import Foundation

/// The applicant's way from an empty draft to the paper on the province's desk, as the step bar
/// of the form page shows it. The guide asks for the form online, then the same form printed,
/// signed, sealed and scanned (申报指南 四.2), so the steps go back and forth between the system
/// and the office; the bar says which one is next.
public enum ApplicationStep: Int, CaseIterable, Sendable, Comparable {
    case fill = 1
    case download
    case signAndScan
    case upload
    case submit
    case sendPaper

    public var label: String {
        switch self {
        case .fill: "填写"
        case .download: "下载 Word/PDF"
        case .signAndScan: "签字盖章并扫描"
        case .upload: "上传"
        case .submit: "选择推荐渠道并提交"
        case .sendPaper: "寄送纸质材料"
        }
    }

    public static func < (lhs: ApplicationStep, rhs: ApplicationStep) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What the application's data says about it.
    public struct Facts: Equatable, Sendable {
        /// No problem left in the form itself (attachments aside).
        public var formComplete: Bool
        /// A signed scan is uploaded and the form has not changed since.
        public var signedScanCurrent: Bool
        /// Every required attachment is there (the scan, the certificate, the evidence).
        public var attachmentsComplete: Bool
        public var submitted: Bool
        /// The province counted the paper at intake.
        public var paperReceived: Bool

        public init(
            formComplete: Bool, signedScanCurrent: Bool, attachmentsComplete: Bool, submitted: Bool,
            paperReceived: Bool
        ) {
            self.formComplete = formComplete
            self.signedScanCurrent = signedScanCurrent
            self.attachmentsComplete = attachmentsComplete
            self.submitted = submitted
            self.paperReceived = paperReceived
        }
    }

    /// The step to do now; nil when every step is done. Downloading, signing and scanning happen
    /// outside the system, so without a current scan the download is the step shown: it is where
    /// the applicant acts next. A submitted application has left the applicant's hands whatever
    /// its files, so only the paper is left.
    public static func current(_ facts: Facts) -> ApplicationStep? {
        if facts.submitted { return facts.paperReceived ? nil : .sendPaper }
        if !facts.formComplete { return .fill }
        if !facts.signedScanCurrent { return .download }
        if !facts.attachmentsComplete { return .upload }
        return .submit
    }

    /// Whether the signed scan shows an older form than the one saved: the form changed after the
    /// last scan was uploaded. No scan, or no recorded change, is not outdated.
    public static func scanOutdated(formChangedAt: Date?, scanUploadedAt: Date?) -> Bool {
        guard let formChangedAt, let scanUploadedAt else { return false }
        return formChangedAt > scanUploadedAt
    }

    /// Problems that only say something is not there yet (a field left empty, a box not ticked, a
    /// file not uploaded, too few rows so far), as opposed to something typed wrong. A page shows
    /// these beside their fields only when asked to check or on a submit attempt, so a new draft
    /// is not a page of red.
    public static let incompleteCodes: Set<String> = [
        "required", "notConfirmed", "missingAttachment", "missingEvidence", "evidenceRequired", "tooFewCountries",
        "tooFewMembers",
    ]

    public static func isIncomplete(_ problem: Problem) -> Bool { incompleteCodes.contains(problem.code) }
}
