import Fluent
import Foundation
import ShenbaoCore

/// `/experts`: the province's expert pool — every expert with their fields — and the forms to add
/// one or import a table of them.
struct ExpertsPage: Encodable {
    var experts: [ExpertService.View]
    var fieldOptions: [Option]
    var organizations: [Option]
    var form: ExpertService.Input
    var errors: [String: String]
    var problems: [Problem]
    var created: String?
    var imported: ExpertImport.Result?
    var template: String
    var privacy: PrivacyNotice

    /// The pool as `call`'s fields name them, with `form` and its `problems` echoed back.
    static func load(
        call: CallDefinition, form: ExpertService.Input = .init(), problems: [Problem] = [], created: String? = nil,
        imported: ExpertImport.Result? = nil, retention: PersonalDataRetention, on db: any Database
    ) async throws -> ExpertsPage {
        let organizations = try await OrganizationModel.query(on: db).sort(\.$name).all().compactMap { o in
            o.id.map { Option(code: $0.uuidString, label: o.name) }
        }
        return ExpertsPage(
            experts: try await ExpertService.views(
                try await ExpertModel.query(on: db).sort(\.$createdAt).all(), call: call, on: db),
            fieldOptions: ExpertForm.fieldOptions(of: call), organizations: organizations, form: form,
            errors: FieldErrors.make(problems), problems: problems, created: created, imported: imported,
            template: ExpertImport.template, privacy: .expertPool(retention: retention))
    }
}
