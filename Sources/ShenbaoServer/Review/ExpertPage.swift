import Fluent
import Foundation
import ShenbaoCore

/// `/experts/{id}`: one expert of the pool — the form to edit them (fields and conflicting
/// organisations as ticks), and what was just done (saved, deactivated, activated).
struct ExpertPage: Encodable {
    struct Choice: Encodable {
        var code: String
        var label: String
        var checked: Bool
    }

    var expert: ExpertService.View
    var form: ExpertAdminService.EditInput
    var fieldChoices: [Choice]
    var conflictChoices: [Choice]
    var errors: [String: String]
    var problems: [Problem]
    var message: String?
    var privacy: PrivacyNotice

    /// The page of the expert `view`, `form` ticking its choices among `call`'s fields and every organisation.
    static func load(
        _ view: ExpertService.View, form: ExpertAdminService.EditInput, call: CallDefinition, problems: [Problem] = [],
        message: String? = nil, retention: PersonalDataRetention, on db: any Database
    ) async throws -> ExpertPage {
        let chosenFields = Set(form.fields ?? [])
        let chosenConflicts = Set(form.conflictOrganizationIds ?? [])
        let organizations = try await OrganizationModel.query(on: db).sort(\.$name).all()
        return ExpertPage(
            expert: view, form: form,
            fieldChoices: ExpertForm.fieldOptions(of: call).map {
                Choice(code: $0.code, label: $0.label, checked: chosenFields.contains($0.code))
            },
            conflictChoices: try organizations.map {
                let code = try $0.requireID().uuidString
                return Choice(code: code, label: $0.name, checked: chosenConflicts.contains(code))
            },
            errors: FieldErrors.make(problems), problems: problems, message: message,
            privacy: .expertPool(retention: retention))
    }
}
