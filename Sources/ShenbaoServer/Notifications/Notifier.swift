import Fluent
import Foundation
import ShenbaoCore
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

    /// A message about one application carries its number (申报编号) once it has one, so the
    /// message, the paper copy and the lists can be matched.
    func notify(users: [UserModel], title: String, body: String, application: ApplicationModel) async throws {
        let body = application.number.map { "【申报编号\($0)】\(body)" } ?? body
        try await notify(
            users: users, title: title, body: body, link: "/applications/\(try application.requireID().uuidString)",
            applicationID: application.id)
    }

    /// Everyone with `role` (finance, the province): for steps of a whole call, not one application.
    func notify(role: Role, title: String, body: String, link: String) async throws {
        let users = try await UserModel.query(on: db).filter(\.$role == role).all()
        try await notify(users: users, title: title, body: body, link: link, applicationID: nil)
    }

    func notify(users: [UserModel], title: String, body: String, link: String, applicationID: UUID?) async throws {
        for user in users {
            let notification = NotificationModel()
            notification.userID = try user.requireID()
            notification.applicationID = applicationID
            notification.title = title
            notification.body = body
            notification.link = link
            try await notification.create(on: db)
            guard config.sendmailCommand != nil, !user.email.isEmpty else { continue }
            try await MailOutboxModel.queue(
                to: user.email, subject: title,
                body: "\(user.contactName)：\n\n\(body)\n\n请登录系统办理：\(config.publicURL)\(link)", on: db)
        }
    }
}
