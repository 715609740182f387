import Fluent
import Foundation
import ShenbaoCore

/// `/admin/organizations/new` and `/admin/organizations/{id}`: the province's form registering an
/// applicant organisation by hand, or editing one.
struct OrganizationFormPage: Encodable {
    var form: OrganizationsAdminController.PageForm
    var errors: [String: String]
    var problems: [Problem]
    var natures: [Option]
    var applicantKinds: [Option]
    var divisionGroups: [OrganizationChoices.DivisionGroup]
    /// The organisation being edited; nil on the hand registration form.
    var current: OrganizationView?
    /// `created` or `edited` after a save, for its message.
    var saved: String?
    var minimumReasonLength: Int

    /// The form as typed (or as stored), for `current` or a new one; `saved` is kept only when it
    /// is `created` or `edited`.
    static func load(
        form: OrganizationsAdminController.PageForm, current: OrganizationView?, problems: [Problem] = [],
        saved: String? = nil, on db: any Database
    ) async throws -> OrganizationFormPage {
        let choices = try await OrganizationChoices.load(on: db)
        return OrganizationFormPage(
            form: form, errors: FieldErrors.make(problems), problems: problems, natures: choices.natures,
            applicantKinds: choices.applicantKinds, divisionGroups: choices.divisionGroups, current: current,
            saved: saved.flatMap { ["created", "edited"].contains($0) ? $0 : nil },
            minimumReasonLength: HandRegistration.minimumReasonLength)
    }
}
