import Fluent
import Foundation

/// `/notifications`: the signed-in person's messages, newest first, and how many are unread.
struct NotificationsPage: Encodable {
    var notifications: [NotificationsController.NotificationDTO]
    var unread: Int

    /// The messages of `user` (never anyone else's), read from `db`.
    static func load(for user: AuthenticatedUser, on db: any Database) async throws -> NotificationsPage {
        let notifications = try await NotificationsController.mine(user, on: db)
        return NotificationsPage(notifications: notifications, unread: notifications.filter { !$0.read }.count)
    }
}
