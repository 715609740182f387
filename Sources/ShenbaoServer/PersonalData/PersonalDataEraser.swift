import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// Erases a person's data once its retention period has passed (个人信息保护法 §47): each
/// personal field becomes the marker "已删除" (an e-mail address becomes empty, so nothing is
/// mailed), what only served the person goes (sessions, tokens, messages), and the row stays so
/// that what refers to it still holds: an expert's submitted reviews, an objection's outcome, an
/// account's steps on applications. The audit line names the kind of record, the person's role
/// and the record's id, never the person.
struct PersonalDataEraser {
    let service: PersonalDataService
    var db: any Database { service.db }

    static let marker = "已删除"

    struct Result: Content {
        var kind: PersonalRecordKind
        var recordId: UUID
        var erasedAt: Date
        var message: String
    }

    func erase(_ record: PersonalDataService.Record, by user: AuthenticatedUser) async throws -> Result {
        let (kind, id) = try PersonalDataService.identity(record)
        if let done = try await PersonalDataErasureModel.query(on: db).filter(\.$kind == kind)
            .filter(\.$recordID == id).first()
        {
            throw AppError.conflict(
                "该记录的个人信息已于\(ChineseFormat.dateTime(done.erasedAt))删除", code: .alreadyErased)
        }
        let last = try await service.lastActiveYear(record)
        let today = ChineseFormat.today(service.request.now)
        if let refusal = service.retention.problems(lastYear: last, today: today).first {
            throw AppError(status: .conflict, code: refusal.code, message: refusal.message)
        }
        let now = service.request.now
        let role = PersonalDataExporter.roleLabel(record)
        // Hashed before the transaction: bcrypt is slow, and the writer must not wait for it.
        let account: UserModel? =
            switch record {
            case .user(let user): user
            case .expert(_, let account): account
            case .objection: nil
            }
        let unusable = try await account.asyncFlatMap { _ in
            try await service.request.password.async.hash([UInt8].random(count: 32).base64)
        }
        try await db.transaction { db in
            switch record {
            case .user(let user):
                try await Self.erase(account: user, passwordHash: unusable ?? "", at: now, on: db)
            case .expert(let expert, let account):
                Self.blank(expert, at: now)
                try await expert.save(on: db)
                if let account {
                    try await Self.erase(account: account, passwordHash: unusable ?? "", at: now, on: db)
                    try await PersonalDataErasureModel(
                        kind: .user, recordID: try account.requireID(), at: now, role: user.role.rawValue
                    ).create(on: db)
                }
            case .objection(let objection):
                objection.name = Self.marker
                objection.contact = Self.marker
                objection.address = ""
                try await objection.save(on: db)
            }
            try await PersonalDataErasureModel(kind: kind, recordID: id, at: now, role: user.role.rawValue).create(
                on: db)
            try await AuditTrail.record(
                .personalDataErased, by: user, subject: .init(id: id, name: kind.label),
                detail:
                    "保存期限（\(service.retention.years)年）已于\(service.retention.keptThrough(lastYear: last).chinese)届满，删除\(kind.label)记录的个人信息（\(role)）",
                request: service.request, on: db)
        }
        return Result(
            kind: kind, recordId: id, erasedAt: now,
            message: "已删除该\(kind.label)记录的个人信息，记录本身以“\(Self.marker)”标记保留。")
    }

    /// An expert's personal fields; the row stays for the reviews that point at it, out of the pool.
    static func blank(_ expert: ExpertModel, at now: Date) {
        expert.name = marker
        expert.organizationName = marker
        expert.$organization.id = nil
        expert.title = marker
        expert.fields = []
        expert.phone = marker
        expert.email = ""
        expert.conflictOrganizationIDs = []
        expert.active = false
        expert.deactivatedAt = expert.deactivatedAt ?? now
    }

    /// An account's personal fields, its sign-in and everything that served only its user. The
    /// user name must stay unique, so it becomes the marker and the account's id; the password
    /// becomes the hash of a secret nobody holds, and the account is disabled.
    static func erase(account user: UserModel, passwordHash: String, at now: Date, on db: any Database) async throws {
        let id = try user.requireID()
        let (oldUsername, oldEmail) = (user.username, user.email)
        user.username = "\(marker)-\(id.uuidString.lowercased())"
        user.contactName = marker
        user.phone = marker
        user.email = ""
        user.passwordHash = passwordHash
        user.totpSecret = nil
        user.totpLastStep = nil
        user.lastLoginAddress = nil
        user.previousLoginAddress = nil
        user.mustChangePassword = false
        user.disabledAt = user.disabledAt ?? now
        user.disabledReason = "个人信息已删除"
        try await user.save(on: db)
        try await UserTokenModel.query(on: db).filter(\.$user.$id == id).delete()
        try await RecoveryCodeModel.query(on: db).filter(\.$user.$id == id).delete()
        try await NotificationModel.query(on: db).filter(\.$userID == id).delete()
        try await LoginFailureModel.query(on: db).filter(\.$username == oldUsername).delete()
        if !oldEmail.isEmpty {
            try await MailOutboxModel.query(on: db).filter(\.$recipient == oldEmail).delete()
        }
        if let sql = db as? any SQLDatabase {
            try await sql.delete(from: "user_sessions").where("user_id", .equal, id).run()
            try await sql.delete(from: "password_links").where("user_id", .equal, id).run()
        }
    }
}
