import Fluent
import Foundation
import ShenbaoCore

/// `/admin/sanctions`: the sanctions the province has recorded (newest decision first, each
/// marked active until its last day), and the form to record one against a recommender.
struct SanctionsPage: Encodable {
    var sanctions: [SanctionsController.SanctionDTO]
    var recommenders: [Option]
    var form: SanctionsController.Input
    var errors: [String: String]
    var created: Bool

    /// The page as of `now`, with `form` and its `problems` echoed back; `created` after a save.
    static func load(
        form: SanctionsController.Input = .init(), problems: [Problem] = [], created: Bool = false, now: Date,
        on db: any Database
    ) async throws -> SanctionsPage {
        let recommenders = try await OrganizationModel.query(on: db).filter(\.$kind == .recommender)
            .sort(\.$divisionCode).all().map { Option(code: try $0.requireID().uuidString, label: $0.name) }
        return SanctionsPage(
            sanctions: try await SanctionsController.all(on: db, now: now), recommenders: recommenders, form: form,
            errors: FieldErrors.make(problems), created: created)
    }
}
