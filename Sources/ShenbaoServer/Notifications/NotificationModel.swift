import Fluent
import Foundation

/// A message in a user's in-app inbox.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @OptionalField(key: "application_id") var applicationID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @OptionalField(key: "link") var link: String?
    @OptionalField(key: "read_at") var readAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension NotificationModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $userID, $applicationID, $title, $body, $link, $readAt, $createdAt] }
}

/// An e-mail waiting to be handed to the host's mail transfer agent.
final class MailOutboxModel: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    enum Status: String, Codable, Sendable { case pending, sent, failed }

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    /// Queues a message for the mail loop, inside the caller's transaction.
    static func queue(to recipient: String, subject: String, body: String, on db: any Database) async throws {
        let mail = MailOutboxModel()
        mail.recipient = recipient
        mail.subject = "【湖南省科协项目申报】" + subject
        mail.body = body + "\n\n（本邮件由系统自动发送，请勿回复）"
        mail.status = .pending
        mail.attempts = 0
        // Due at once, whatever the application's clock says.
        mail.nextAttemptAt = .distantPast
        try await mail.create(on: db)
    }
}

extension MailOutboxModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $recipient, $subject, $body, $status, $attempts, $nextAttemptAt, $lastError, $sentAt, $createdAt]
    }
}
