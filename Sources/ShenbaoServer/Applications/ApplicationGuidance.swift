import Foundation
import ShenbaoCore

/// What guides the applicant through the form page: which problems to show beside their fields
/// now, where each one in the summary leads, the step bar, and whether the signed scan is stale.
struct ApplicationGuidance: Encodable {
    struct Step: Encodable {
        var number: Int
        var label: String
        /// `done`, `current` or `todo`, for the bar's style; `current` also gets aria-current.
        var state: String
        var current: Bool
    }
    struct ProblemLink: Codable, Sendable {
        var field: String
        var code: String
        var message: String
        /// The id of the element the summary's link focuses.
        var anchor: String
    }

    /// Every problem shown beside its field: all of them when the user asked to check or tried to
    /// submit, otherwise only what is typed wrong (ApplicationStep.isIncomplete).
    var check: Bool
    var steps: [Step]
    var links: [ProblemLink]
    var scanOutdated: Bool
    /// When the signed scan now on file was uploaded, as a reader reads it.
    var scanUploadedAt: String

    init(
        problems: [Problem], check: Bool, status: ApplicationStatus, attachments: [ApplicationDTO.Attachment],
        formChangedAt: Date?, paperReceived: Bool, showSteps: Bool
    ) {
        self.check = check
        links = problems.map {
            ProblemLink(field: $0.field, code: $0.code, message: $0.message, anchor: Self.anchor(for: $0.field))
        }
        let scanAt = attachments.filter { $0.kind == .signedScan }.compactMap(\.uploadedAt).max()
        scanOutdated = ApplicationStep.scanOutdated(formChangedAt: formChangedAt, scanUploadedAt: scanAt)
        scanUploadedAt = scanAt.map(ChineseFormat.dateTime) ?? ""
        let hasScan = attachments.contains { $0.kind == .signedScan }
        let facts = ApplicationStep.Facts(
            formComplete: !problems.contains { !Self.isAboutAttachments($0.field) },
            signedScanCurrent: hasScan && !scanOutdated,
            attachmentsComplete: !problems.contains { Self.isAboutAttachments($0.field) },
            submitted: !Workflow.isEditable(status), paperReceived: paperReceived)
        let current = ApplicationStep.current(facts)
        steps =
            showSteps && !ApplicationStatus.endedEarly.contains(status)
            ? ApplicationStep.allCases.map { step in
                let state = current.map { step < $0 ? "done" : step == $0 ? "current" : "todo" } ?? "done"
                return Step(number: step.rawValue, label: step.label, state: state, current: step == current)
            } : []
    }

    /// The problems to show beside their fields now.
    static func shown(_ problems: [Problem], check: Bool) -> [Problem] {
        check ? problems : problems.filter { !ApplicationStep.isIncomplete($0) }
    }

    static func isAboutAttachments(_ field: String) -> Bool { field.hasPrefix("attachments") }

    /// The id of a problem's field on the form page: `f_` and its path with `[i]` and `.` as `_`
    /// (`partners[0].name` → `f_partners_0_name`). A priority claim is found by its group, an
    /// attachment by the upload form, where it is put right.
    static func anchor(for field: String) -> String {
        if field.hasPrefix("priorityClaims") { return "f_priorityClaims" }
        if isAboutAttachments(field) { return "upload-kind" }
        switch field {
        case "recommenderId": return "recommenderId"
        case "requestedYuan": return "f_phases"
        case "cooperationContent", "fields": return "f_\(field)_codes"
        case "category": return "problems"
        default: break
        }
        let key = key(field)
        // A row's own problem (`phases[1]`, `phases[1].period`) leads to the row's first field.
        for (list, fields) in rowFields {
            guard key.hasPrefix(list + "_"), let row = key.dropFirst(list.count + 1).split(separator: "_").first
            else { continue }
            let rest = key.dropFirst(list.count + 1 + row.count + 1)
            return "f_\(list)_\(row)_" + (fields.contains(String(rest)) ? String(rest) : fields[0])
        }
        return "f_" + key
    }

    /// The inputs of each list's rows on the page, first field first.
    static let rowFields: [(String, [String])] = [
        ("partners", ["name", "countryOrRegion"]),
        ("phases", ["period_start", "period_end", "budgetYuan", "goal"]),
        ("invitedExperts", ["name", "countryOrRegion", "affiliation", "title"]),
        ("delegationMembers", ["name", "field", "affiliation", "title"]),
    ]

    /// A field path as the page's keys write it: `phases[1].budgetYuan` → `phases_1_budgetYuan`.
    static func key(_ field: String) -> String {
        field.replacingOccurrences(of: "]", with: "").replacingOccurrences(of: "[", with: "_")
            .replacingOccurrences(of: ".", with: "_")
    }
}
