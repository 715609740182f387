import Fluent
import Foundation

/// A one-time link that sets a password: made by an administrator (a reset) or asked for by the
/// user (忘记密码). Only the SHA-256 of its secret is stored; it works once, within 24 hours.
final class PasswordLinkModel: Model, @unchecked Sendable {
    static let schema = "password_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

extension PasswordLinkModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $user, $tokenHash, $createdAt, $expiresAt, $usedAt] }
}
