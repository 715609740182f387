import Fluent
import Foundation

/// One failed login, kept in the database so that every server instance counts the same failures.
final class LoginFailureModel: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "address") var address: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(username: String, address: String, failedAt: Date) {
        self.username = username
        self.address = address
        self.failedAt = failedAt
    }
}

extension LoginFailureModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $username, $address, $failedAt] }
}
