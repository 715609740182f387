import Fluent
import Foundation
import ShenbaoCore

/// One status change of an application, the one way it is written: made before the transaction
/// (the transition table asked, the new status and the next version set on the model), then
/// `commit`ted inside it (the version claimed — 409 when another writer moved it first —, the
/// row saved, the event appended), so the write and its audit event commit together.
struct StatusChange {
    let application: ApplicationModel
    let action: WorkflowAction
    let from: ApplicationStatus
    let to: ApplicationStatus
    let previousVersion: Int

    /// Refused with the table's 409 when `role` may not take `action` from the current status.
    init(_ application: ApplicationModel, _ action: WorkflowAction, by role: Role) throws {
        self.application = application
        self.action = action
        from = application.status
        to = try ApplicationService.workflow(action, from, role)
        previousVersion = application.version
        application.status = to
        application.version = previousVersion + 1
    }

    /// In `db`'s transaction: the claim, `alongside` (what must follow the claim and precede
    /// the save, e.g. the application number), the row, the event (stamped `at`, the app's clock).
    func commit(
        by actor: AuthenticatedUser, comment: String?, organizationName: String? = nil, at now: Date,
        on db: any Database,
        alongside: (any Database) async throws -> Void = { _ in }
    ) async throws {
        try await ApplicationService.claim(application, previousVersion: previousVersion, on: db)
        try await alongside(db)
        try await application.save(on: db)
        try await ApplicationEventModel.append(
            to: try application.requireID(), actor: actor, action: .workflow(action), from: from, to: to,
            comment: comment, organizationName: organizationName, at: now, on: db)
    }
}
