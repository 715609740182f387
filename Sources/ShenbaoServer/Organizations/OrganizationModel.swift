import Fluent
import Foundation
import ShenbaoCore

/// An organisation: an applicant (registered by its staff), a recommender (seeded or added by the
/// province) or the province itself.
final class OrganizationModel: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: OrganizationKind
    @OptionalField(key: "recommender_kind") var recommenderKind: RecommenderKind?
    /// Identifies seeded organisations (`province`, `division:430104`) so seeding stays idempotent.
    @OptionalField(key: "seed_key") var seedKey: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "uscc") var uscc: String?
    @OptionalField(key: "legal_representative") var legalRepresentative: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "nature") var nature: OrganizationNature?
    @OptionalField(key: "applicant_kind") var applicantKind: String?
    @OptionalField(key: "division_code") var divisionCode: String?
    @OptionalField(key: "bank_account_name") var bankAccountName: String?
    @OptionalField(key: "bank_name") var bankName: String?
    @OptionalField(key: "bank_account_number") var bankAccountNumber: String?
    /// `YYYY-MM-DD`: a sanctioned recommender receives nothing until this day, inclusive.
    @OptionalField(key: "sanctioned_until") var sanctionedUntil: String?
    /// Set when the province registered the organisation by hand although its USCC fails the
    /// check character (2015 pilot codes): why, who allowed it and when. The code stays unique.
    @OptionalField(key: "uscc_exception_reason") var usccExceptionReason: String?
    @OptionalField(key: "uscc_exception_approved_by") var usccExceptionApprovedBy: UUID?
    @OptionalField(key: "uscc_exception_at") var usccExceptionAt: Date?
    /// Set while the province has deactivated a recommender: it receives nothing new, and what it
    /// holds waits for the province to hand it over.
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    @OptionalField(key: "deactivation_reason") var deactivationReason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(recommender name: String, kind: RecommenderKind, divisionCode: String?, seedKey: String?) {
        self.kind = .recommender
        self.recommenderKind = kind
        self.name = name
        self.divisionCode = divisionCode
        self.seedKey = seedKey
    }

    init(province name: String, seedKey: String) {
        self.kind = .province
        self.name = name
        self.divisionCode = "430000"
        self.seedKey = seedKey
    }

    /// A registered applicant organisation, from a form that passed `RegistrationRules`.
    init(applicant form: OrganizationForm) {
        kind = .applicant
        name = form.name ?? ""
        uscc = form.uscc
        legalRepresentative = form.legalRepresentative
        address = form.address
        postalCode = form.postalCode
        phone = form.phone
        nature = form.nature.flatMap(OrganizationNature.init(rawValue:))
        applicantKind = form.applicantKind
        divisionCode = form.divisionCode
        bankAccountName = form.bankAccount?.accountName
        bankName = form.bankAccount?.bankName
        bankAccountNumber = form.bankAccount?.accountNumber
    }
}

extension OrganizationModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $kind, $recommenderKind, $seedKey, $name, $uscc, $legalRepresentative, $address, $postalCode, $phone,
            $nature, $applicantKind, $divisionCode, $bankAccountName, $bankName, $bankAccountNumber, $sanctionedUntil,
            $usccExceptionReason, $usccExceptionApprovedBy, $usccExceptionAt, $deactivatedAt, $deactivationReason,
            $createdAt, $updatedAt,
        ]
    }
}

extension OrganizationModel {
    var isActive: Bool { deactivatedAt == nil }

    /// What the route rules need of a recommender; nil for any other organisation.
    var recommenderFacts: RecommenderFacts? {
        guard kind == .recommender, let recommenderKind else { return nil }
        return RecommenderFacts(
            kind: recommenderKind, divisionCode: divisionCode, sanctionedUntil: sanctionedUntil.flatMap(Day.init),
            active: isActive)
    }
}

extension OrganizationModel {
    /// The organisation as section 一 of the form prints it; copied into an application when it
    /// is submitted.
    var form: OrganizationForm {
        var form = OrganizationForm()
        form.name = name
        form.uscc = uscc
        form.legalRepresentative = legalRepresentative
        form.address = address
        form.postalCode = postalCode
        form.phone = phone
        form.nature = nature?.rawValue
        form.applicantKind = applicantKind
        form.divisionCode = divisionCode
        form.bankAccount = BankAccountForm()
        form.bankAccount?.accountName = bankAccountName
        form.bankAccount?.bankName = bankName
        form.bankAccount?.accountNumber = bankAccountNumber
        return form
    }
}
