import Fluent
import Foundation

/// A signed-in browser. The session cookie names one of these; a row deleted (the user ended it,
/// changed their password, or was disabled) signs that browser out at its next request.
final class UserSessionModel: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "address") var address: String
    /// What the browser said it is, shortened to a readable name ("Chrome · Windows").
    @Field(key: "device") var device: String

    init() {}

    init(userID: UUID, address: String, device: String, at now: Date) {
        self.$user.id = userID
        self.createdAt = now
        self.lastSeenAt = now
        self.address = address
        self.device = device
    }
}

extension UserSessionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $user, $createdAt, $lastSeenAt, $address, $device] }
}
