import Fluent
import Foundation
import ShenbaoCore

/// The guard every step of a running project passes (a payment, a change request or decision):
/// only while the project is underway — the agreement confirmed, acceptance not yet closed —
/// checked once before the work and again under the application's lock, on the row as it is now.
enum ProjectStep {
    /// Why `doing` cannot happen to a project in `status`; nil while it is underway.
    static func refusal(_ status: ApplicationStatus, doing: String, while allowed: Period = .underway) -> AppError? {
        guard !allowed.statuses.contains(status) else { return nil }
        return AppError.conflict(
            "项目当前状态为“\(status.label)”，只有\(allowed.text)可以\(doing)", code: .notAllowedInStatus)
    }

    /// When a step may happen, and how the refusal says it.
    enum Period {
        /// Payments and changes: from the agreement's confirmation to closing.
        case underway
        /// Reports: until the acceptance passed.
        case reporting

        var statuses: Set<ApplicationStatus> {
            self == .underway ? ApplicationStatus.underway : ApplicationStatus.reportable
        }

        var text: String {
            self == .underway ? "项目执行中（任务书确认后）至验收结束前" : "项目执行中（任务书确认后）至验收通过前"
        }
    }

    /// Inside `db`'s transaction: holds the lock `key`, reads the application again and refuses
    /// it unless it is underway, so two steps at once see each other's writes.
    static func current(
        _ applicationID: UUID, lock key: String, doing: String, while allowed: Period = .underway,
        on db: any Database
    ) async throws -> ApplicationModel {
        try await TransactionLock.hold(key, on: db)
        guard let current = try await ApplicationModel.find(applicationID, on: db) else {
            throw AppError.notFound("该申报书")
        }
        if let refusal = refusal(current.status, doing: doing, while: allowed) { throw refusal }
        return current
    }
}
