import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// Builds the export of one record and writes its audit line: the trail says that the data of
/// a record of some kind was exported and by whom, not whose data it was.
struct PersonalDataExporter {
    let service: PersonalDataService
    var db: any Database { service.db }
    var limit: Int { PersonalDataService.listLimit }

    func export(_ record: PersonalDataService.Record, by user: AuthenticatedUser) async throws -> PersonalDataExport {
        let (kind, id) = try PersonalDataService.identity(record)
        var export = PersonalDataExport(
            kind: kind, kindLabel: kind.label, recordId: id, exportedAt: service.request.now,
            retention: try await service.entry(record), truncated: false)
        switch record {
        case .user(let account):
            try await fill(&export, account: account)
        case .expert(let expert, let account):
            try await fill(&export, expert: expert)
            if let account { try await fill(&export, account: account) }
        case .objection(let objection):
            export.objection = PersonalDataExport.Objection(
                id: id, receipt: objection.receipt, callYear: objection.call.year,
                project: objection.application.form.projectName ?? "", name: objection.name,
                contact: objection.contact, text: objection.text, receivedAt: objection.receivedAt,
                outcome: objection.outcome?.label ?? "待处理", resolution: objection.resolution,
                resolvedAt: objection.resolvedAt)
        }
        let role = Self.roleLabel(record)
        try await db.transaction { db in
            try await AuditTrail.record(
                .personalDataExported, by: user, subject: .init(id: id, name: kind.label),
                detail: "导出\(kind.label)记录的个人信息（\(role)）", request: service.request, on: db)
        }
        return export
    }

    /// The erased person's role, the one thing about them an audit line names.
    static func roleLabel(_ record: PersonalDataService.Record) -> String {
        switch record {
        case .user(let user): user.role.label
        case .expert: Role.expert.label
        case .objection: "公示异议人"
        }
    }

    private func fill(_ export: inout PersonalDataExport, account user: UserModel) async throws {
        let id = try user.requireID()
        let organization = try await user.$organization.id.asyncFlatMap { try await OrganizationModel.find($0, on: db) }
        export.account = PersonalDataExport.Account(
            id: id, username: user.username, role: user.role.rawValue, roleLabel: user.role.label,
            organizationName: organization?.name, contactName: user.contactName, phone: user.phone, email: user.email,
            createdAt: user.createdAt, lastLoginAt: user.lastLoginAt, lastLoginAddress: user.lastLoginAddress,
            previousLoginAt: user.previousLoginAt, previousLoginAddress: user.previousLoginAddress,
            passwordChangedAt: user.passwordChangedAt, disabledAt: user.disabledAt,
            disabledReason: user.disabledReason, twoFactor: user.totpSecret != nil)
        export.sessions = try await sessions(of: id)
        let steps = try await ApplicationEventModel.query(on: db).filter(\.$actorID == id).sort(\.$at, .descending)
            .limit(limit).all()
        export.activity = steps.map {
            PersonalDataExport.Activity(
                applicationId: $0.$application.id, at: $0.at, action: $0.action, comment: $0.comment)
        }
        let messages = try await NotificationModel.query(on: db).filter(\.$userID == id)
            .sort(\.$createdAt, .descending).limit(limit).all()
        export.messages = messages.map {
            PersonalDataExport.Message(title: $0.title, body: $0.body, createdAt: $0.createdAt, read: $0.readAt != nil)
        }
        export.truncated = export.truncated || steps.count == limit || messages.count == limit
    }

    /// Browser sessions, read as rows: their table belongs to the accounts' code.
    private func sessions(of id: UUID) async throws -> [PersonalDataExport.Session] {
        struct Row: Decodable {
            var createdAt: Date?
            var lastSeenAt: Date?
            var address: String
            var device: String
            enum CodingKeys: String, CodingKey {
                case createdAt = "created_at", lastSeenAt = "last_seen_at", address, device
            }
        }
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.select().columns("created_at", "last_seen_at", "address", "device").from("user_sessions")
            .where("user_id", .equal, id).orderBy("last_seen_at", .descending).limit(limit).all(decoding: Row.self)
            .map {
                PersonalDataExport.Session(
                    createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, address: $0.address, device: $0.device)
            }
    }

    private func fill(_ export: inout PersonalDataExport, expert: ExpertModel) async throws {
        let call = try await CallModel.latest(on: db)?.current ?? CallDefinition.guide2025()
        let labels = Dictionary(
            ExpertForm.fieldOptions(of: call).map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let conflicts = try await OrganizationModel.query(on: db).filter(\.$id ~~ expert.conflictOrganizationIDs)
            .all().map(\.name)
        export.expert = PersonalDataExport.Expert(
            id: try expert.requireID(), name: expert.name, organizationName: expert.organizationName,
            title: expert.title,
            fields: expert.fields.map { labels[$0] ?? $0 }, phone: expert.phone, email: expert.email,
            conflictOrganizations: conflicts, active: expert.active, deactivatedAt: expert.deactivatedAt,
            createdAt: expert.createdAt)
        let reviews = try await ReviewModel.query(on: db).filter(\.$expert.$id == expert.requireID())
            .with(\.$call).with(\.$application).sort(\.$createdAt, .descending).limit(limit).all()
        export.reviews = reviews.map {
            PersonalDataExport.Review(
                callYear: $0.call.year, project: $0.application.form.projectName ?? "", status: $0.status.label,
                total: $0.total, comment: $0.comment, recommendation: $0.recommendation?.label,
                submittedAt: $0.submittedAt)
        }
        export.truncated = export.truncated || reviews.count == limit
    }
}
