import Fluent
import Foundation
import Vapor

/// The in-app inbox: `GET /api/v1/notifications`, marking read, and the `/notifications` page.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignedIn())
        signedIn.get("api", "v1", "notifications", use: list)
        signedIn.post("api", "v1", "notifications", ":notificationId", "read", use: markRead)
        signedIn.get("notifications", use: page)
        signedIn.post("notifications", ":notificationId", "read", use: markReadPage)
        signedIn.post("notifications", "read-all", use: markAllRead)
    }

    struct NotificationDTO: Content {
        var id: UUID
        var title: String
        var body: String
        var link: String?
        var read: Bool
        var createdAt: Date?
        var createdAtText: String
    }

    static func mine(_ user: AuthenticatedUser, on db: any Database) async throws -> [NotificationDTO] {
        try await NotificationModel.query(on: db).filter(\.$userID == user.id).sort(\.$createdAt, .descending)
            .limit(200).all()
            .map {
                NotificationDTO(
                    id: try $0.requireID(), title: $0.title, body: $0.body, link: $0.link, read: $0.readAt != nil,
                    createdAt: $0.createdAt, createdAtText: $0.createdAt.map(ChineseFormat.dateTime) ?? "")
            }
    }

    func list(req: Request) async throws -> [NotificationDTO] {
        try await Self.mine(try req.requireUser(), on: req.db)
    }

    private func find(_ req: Request) async throws -> NotificationModel {
        let user = try req.requireUser()
        guard let id = req.parameters.get("notificationId").flatMap(UUID.init(uuidString:)),
            let notification = try await NotificationModel.query(on: req.db).filter(\.$id == id)
                .filter(\.$userID == user.id).first()
        else { throw AppError.notFound("该消息") }
        return notification
    }

    func markRead(req: Request) async throws -> HTTPStatus {
        let notification = try await find(req)
        if notification.readAt == nil {
            notification.readAt = req.now
            try await notification.save(on: req.db)
        }
        return .noContent
    }

    func page(req: Request) async throws -> Response {
        let page = try await NotificationsPage.load(for: try req.requireUser(), on: req.db)
        return try await req.renderPage(.notificationsList, title: "消息", page)
    }

    /// Opens what the message is about and marks it read.
    func markReadPage(req: Request) async throws -> Response {
        let notification = try await find(req)
        if notification.readAt == nil {
            notification.readAt = req.now
            try await notification.save(on: req.db)
        }
        return req.redirect(to: notification.link ?? "/notifications")
    }

    func markAllRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await NotificationModel.query(on: req.db).filter(\.$userID == user.id).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.now).update()
        return req.redirect(to: "/notifications")
    }
}
