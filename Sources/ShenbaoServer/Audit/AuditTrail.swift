import Fluent
import Foundation
import Vapor

/// Writes the security audit trail. Every account change, login and permission change calls
/// `record` inside the transaction of the change itself, so the change and its line commit
/// together or not at all.
enum AuditTrail {
    /// What a line is about: a user, an organisation, an expert, or only a typed user name.
    struct Subject: Sendable {
        var id: UUID?
        var name: String

        static func user(_ user: UserModel) -> Subject {
            Subject(id: user.id, name: user.displayName)
        }

        static func user(_ user: AuthenticatedUser) -> Subject {
            Subject(id: user.id, name: user.displayName)
        }

        /// An application or funded project, by its number (its name before it has one).
        static func application(_ application: ApplicationModel) -> Subject {
            let id = application.id
            return Subject(id: id, name: application.number ?? application.projectName ?? id?.uuidString ?? "")
        }
    }

    /// Appends one line, stamped by the application's clock (`req.now`). `actor` nil is someone
    /// not signed in (a login, a forgotten password).
    static func record(
        _ action: AuditAction, by actor: AuthenticatedUser?, subject: Subject, detail: String = "",
        request: Request, on db: any Database
    ) async throws {
        try await append(
            action, actorID: actor?.id, actorName: actor?.displayName ?? "未登录用户",
            actorRole: actor?.role.rawValue ?? "anonymous", subject: subject, detail: detail,
            address: request.clientAddress(trustProxy: request.application.shenbaoConfig.trustProxy),
            at: request.now, on: db)
    }

    static func append(
        _ action: AuditAction, actorID: UUID?, actorName: String, actorRole: String, subject: Subject,
        detail: String, address: String, at now: Date, on db: any Database
    ) async throws {
        // One writer of the chain at a time (a no-op on SQLite's one writer).
        try await TransactionLock.hold("security-events", on: db)
        let last = try await SecurityEventModel.query(on: db).sort(\.$sequence, .descending)
            .field(\.$sequence).field(\.$hash).first()
        let event = SecurityEventModel()
        event.sequence = (last?.sequence ?? 0) + 1
        // Whole seconds: both databases store them exactly, so the hash can be recomputed.
        event.at = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        event.actorID = actorID
        event.actorName = String(actorName.prefix(120))
        event.actorRole = actorRole
        event.action = action
        event.subjectID = subject.id
        // A typed user name may be anything; the trail keeps a bounded, printable copy.
        event.subjectName = String(subject.name.filter { !$0.isNewline }.prefix(120))
        event.detail = String(detail.prefix(500))
        event.address = String(address.prefix(64))
        event.previousHash = last?.hash
        event.hash = event.computedHash
        try await event.create(on: db)
    }
}
