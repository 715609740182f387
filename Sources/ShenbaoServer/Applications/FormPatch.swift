import Foundation
import ShenbaoCore

/// `PATCH` semantics for the form: the keys sent replace the stored ones (`null` clears one),
/// the keys not sent stay. Unknown keys are refused by name, so a typo is not silently lost.
enum FormPatch {
    static let fieldNames: Set<String> = [
        "projectName", "period", "contactName", "contactPhone", "leader", "leaderTitle", "leaderPhone",
        "cooperationBasis", "partners", "cooperationContent", "fields", "mainContent", "expectedGoals", "highlights",
        "phases", "invitedExperts", "delegationMembers", "summaryContent", "summaryBasis",
        "eligibilityDeclarations", "priorityClaims", "commitment",
    ]

    /// The fields the server fills and clients may send back unchanged (a GET's body, PATCHed
    /// whole); they are ignored.
    static let readOnlyNames: Set<String> = [
        "id", "callId", "category", "status", "statusLabel", "currentHolder", "recommenderId", "organization",
        "requestedYuan", "attachments", "problems", "version", "submittedAt", "createdAt", "updatedAt",
    ]

    static func apply(_ body: Data, to form: ApplicationForm) throws -> ApplicationForm {
        guard let object = try? JSONSerialization.jsonObject(with: body), let patch = object as? [String: Any] else {
            throw AppError.badRequest("请求内容应为一个 JSON 对象，例如 {\"projectName\": \"…\"}", code: "malformedBody")
        }
        let unknown = patch.keys.filter { !fieldNames.contains($0) && !readOnlyNames.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw AppError.validation(
                unknown.map { Problem(field: $0, code: "unknownField", message: "申报书没有字段 \($0)") })
        }
        let stored = try JSONSerialization.jsonObject(with: JSONEncoder().encode(form)) as? [String: Any] ?? [:]
        var merged = stored
        for (key, value) in patch where fieldNames.contains(key) {
            merged[key] = value is NSNull ? nil : value
        }
        let data = try JSONSerialization.data(withJSONObject: merged)
        return try JSONDecoder().decode(ApplicationForm.self, from: data)
    }
}
