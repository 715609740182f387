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
    /// Set while the account is disabled: it cannot sign in, and is told why.
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @OptionalField(key: "disabled_reason") var disabledReason: String?
    /// An account made by an administrator: its user chooses their own password before anything else.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @OptionalField(key: "last_login_address") var lastLoginAddress: String?
    /// The login before the last one: shown after login, so a stranger's use is noticed.
    @OptionalField(key: "previous_login_at") var previousLoginAt: Date?
    @OptionalField(key: "previous_login_address") var previousLoginAddress: String?
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
        self.mustChangePassword = false
    }
}

extension UserModel {
    /// How pages and the trail name a person: 李嘉玮（admin）.
    var displayName: String { "\(contactName)（\(username)）" }

    /// The login before the last one, as the user is shown it; nil before a second login.
    var previousLoginText: String? { Self.loginText(at: previousLoginAt, from: previousLoginAddress) }

    static func loginText(at date: Date?, from address: String?) -> String? {
        date.map { "\(ChineseFormat.dateTime($0))，来自 \(address ?? "未知地址")" }
    }
}

extension UserModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $username, $passwordHash, $role, $organization, $contactName, $phone, $email, $totpSecret,
            $totpLastStep, $disabledAt, $disabledReason, $mustChangePassword, $passwordChangedAt, $lastLoginAt,
            $lastLoginAddress, $previousLoginAt, $previousLoginAddress, $createdAt,
        ]
    }
}
