import Fluent
import Foundation
import ShenbaoCore

/// The guard every step of a running project passes (a payment, a change request or decision):
/// only while the project is underway — the agreement confirmed, acceptance not yet closed —
/// checked once before the work and again under the application's lock, on the row as it is now.
enum ProjectStep {
    /// Why `doing` cannot happen to a project in `status`; nil while it is underway.
    static func refusal(_ status: ApplicationStatus, doing: String) -> AppError? {
        guard !ApplicationStatus.underway.contains(status) else { return nil }
        return AppError.conflict(
            "项目当前状态为“\(status.label)”，只有项目执行中（任务书确认后）至验收结束前可以\(doing)", code: .notAllowedInStatus)
    }

    /// Inside `db`'s transaction: holds the lock `key`, reads the application again and refuses
    /// it unless it is underway, so two steps at once see each other's writes.
    static func current(_ applicationID: UUID, lock key: String, doing: String, on db: any Database)
        async throws -> ApplicationModel
    {
        try await TransactionLock.hold(key, on: db)
        guard let current = try await ApplicationModel.find(applicationID, on: db) else {
            throw AppError.notFound("该申报书")
        }
        if let refusal = refusal(current.status, doing: doing) { throw refusal }
        return current
    }
}
