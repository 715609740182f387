import Fluent
import Foundation
import Vapor

/// Tells whoever must act next. Called inside the transaction of the change it announces, so a
/// message exists exactly when the change does; e-mail is queued, not sent, until after commit.
struct Notifier {
    let db: any Database
    let config: Config

    func notify(
        organization organizationID: UUID?, title: String, body: String, application: ApplicationModel
    ) async throws {
        guard let organizationID else { return }
        let users = try await UserModel.query(on: db).filter(\.$organization.$id == organizationID).all()
        try await notify(users: users, title: title, body: body, application: application)
    }

    func notify(users: [UserModel], title: String, body: String, application: ApplicationModel) async throws {
        let link = "/applications/\(try application.requireID().uuidString)"
        for user in users {
            let notification = NotificationModel()
            notification.userID = try user.requireID()
            notification.applicationID = application.id
            notification.title = title
            notification.body = body
            notification.link = link
            try await notification.create(on: db)
            guard config.sendmailCommand != nil, !user.email.isEmpty else { continue }
            let mail = MailOutboxModel()
            mail.recipient = user.email
            mail.subject = "【湖南省科协项目申报】" + title
            mail.body = "\(user.contactName)：\n\n\(body)\n\n请登录系统办理：\(config.publicURL)\(link)\n\n（本邮件由系统自动发送，请勿回复）"
            mail.status = .pending
            mail.attempts = 0
            mail.nextAttemptAt = Date()
            try await mail.create(on: db)
        }
    }
}
