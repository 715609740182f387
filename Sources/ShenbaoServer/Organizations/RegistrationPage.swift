import Fluent
import Foundation
import ShenbaoCore

/// `/register` (申报单位注册): an applicant organisation's registration form with its choices
/// (natures, kinds, divisions), what was typed with its problems, and warnings to confirm.
struct RegistrationPage: Encodable {
    var form: RegistrationController.PageForm
    var errors: [String: String]
    var problems: [Problem]
    var warnings: [Problem]
    var natures: [Option]
    var applicantKinds: [Option]
    var divisionGroups: [OrganizationChoices.DivisionGroup]
    var privacy: PrivacyNotice

    /// The form as typed; a refused password comes back empty, one that passed comes back typed.
    static func load(
        form: RegistrationController.PageForm, problems: [Problem] = [], warnings: [Problem] = [],
        retention: PersonalDataRetention, on db: any Database
    ) async throws -> RegistrationPage {
        let choices = try await OrganizationChoices.load(on: db)
        var blank = form
        // Passwords that passed come back typed (the page is never cached: no-store), so confirming
        // a warning or fixing another field does not mean choosing them again; a refused one is cleared.
        if problems.contains(where: { ["user.password", "passwordConfirm"].contains($0.field) }) {
            blank.user?.password = nil
            blank.passwordConfirm = nil
        }
        return RegistrationPage(
            form: blank,
            errors: FieldErrors.make(problems),
            problems: problems,
            warnings: warnings,
            natures: choices.natures,
            applicantKinds: choices.applicantKinds,
            divisionGroups: choices.divisionGroups,
            privacy: .registration(retention: retention))
    }
}
