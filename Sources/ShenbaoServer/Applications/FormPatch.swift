import Foundation
import ShenbaoCore

/// `PATCH` semantics for the form: the keys sent replace the stored ones (`null` clears one),
/// the keys not sent stay. Unknown keys are refused by name, so a typo is not silently lost.
enum FormPatch {
    /// Each field a client may send, and how its value moves from the decoded patch into the form.
    static let fields: [String: @Sendable (inout ApplicationForm, ApplicationForm) -> Void] = [
        "projectName": { $0.projectName = $1.projectName },
        "period": { $0.period = $1.period },
        "contactName": { $0.contactName = $1.contactName },
        "contactPhone": { $0.contactPhone = $1.contactPhone },
        "leader": { $0.leader = $1.leader },
        "leaderTitle": { $0.leaderTitle = $1.leaderTitle },
        "leaderPhone": { $0.leaderPhone = $1.leaderPhone },
        "cooperationBasis": { $0.cooperationBasis = $1.cooperationBasis },
        "partners": { $0.partners = $1.partners },
        "cooperationContent": { $0.cooperationContent = $1.cooperationContent },
        "fields": { $0.fields = $1.fields },
        "mainContent": { $0.mainContent = $1.mainContent },
        "expectedGoals": { $0.expectedGoals = $1.expectedGoals },
        "highlights": { $0.highlights = $1.highlights },
        "phases": { $0.phases = $1.phases },
        "invitedExperts": { $0.invitedExperts = $1.invitedExperts },
        "delegationMembers": { $0.delegationMembers = $1.delegationMembers },
        "summaryContent": { $0.summaryContent = $1.summaryContent },
        "summaryBasis": { $0.summaryBasis = $1.summaryBasis },
        "eligibilityDeclarations": { $0.eligibilityDeclarations = $1.eligibilityDeclarations },
        "priorityClaims": { $0.priorityClaims = $1.priorityClaims },
        "commitment": { $0.commitment = $1.commitment },
        "avoidances": { $0.avoidances = $1.avoidances },
        "answers": { $0.answers = $1.answers },
    ]

    static let fieldNames = Set(fields.keys)

    /// The fields the server fills and clients may send back unchanged (a GET's body, PATCHed
    /// whole); they are ignored.
    static let readOnlyNames: Set<String> = [
        "id", "callId", "category", "status", "statusLabel", "currentHolder", "recommenderId", "organization",
        "requestedYuan", "attachments", "problems", "version", "submittedAt", "createdAt", "updatedAt",
    ]

    static func apply(_ body: Data, to form: ApplicationForm) throws -> ApplicationForm {
        guard let object = try? JSONSerialization.jsonObject(with: body), let patch = object as? [String: Any] else {
            throw AppError.badRequest("请求内容应为一个 JSON 对象，例如 {\"projectName\": \"…\"}", code: .malformedBody)
        }
        let unknown = patch.keys.filter { !fieldNames.contains($0) && !readOnlyNames.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw AppError.validation(
                unknown.map { Problem(field: $0, code: .unknownField, message: "申报书没有字段 \($0)") })
        }
        // Only the patch is decoded (every form field is optional); the stored form is not
        // re-encoded and re-parsed, which made a save cost four passes over the whole form.
        let sent = patch.filter { fields[$0.key] != nil && !($0.value is NSNull) }
        let values = try JSONDecoder().decode(ApplicationForm.self, from: JSONSerialization.data(withJSONObject: sent))
        var form = form
        for key in patch.keys {
            guard let move = fields[key] else { continue }
            move(&form, values)  // a `null` decodes as nil: the field is cleared
        }
        return form
    }
}
