import Fluent
import Foundation
import ShenbaoCore

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @OptionalParent(key: "organization_id") var organization: OrganizationModel?
    @Field(key: "contact_name") var contactName: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    /// The TOTP key in Base32 once two-factor sign-in is set up; nil without it.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The last 30-second step whose code signed in: a code works once.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        username: String, passwordHash: String, role: Role, organizationID: UUID?,
        contactName: String, phone: String, email: String
    ) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.$organization.id = organizationID
        self.contactName = contactName
        self.phone = phone
        self.email = email
    }
}

extension UserModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $username, $passwordHash, $role, $organization, $contactName, $phone, $email, $totpSecret,
            $totpLastStep, $createdAt,
        ]
    }
}
