import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// 项目变更 (issue 30): the unit asks for one change at a time while the project is underway;
/// the province approves it (the plan, the application's form, changes; its status does not) or
/// refuses it with a comment. Every write with its timeline event, audit line and message in one
/// transaction.
struct ChangeRequestService {
    let req: Request
    let user: AuthenticatedUser

    var db: any Database { req.db }

    /// A project has far fewer changes than this; a bound on the list.
    static let maximumCount = 100

    struct DTO: Content, Equatable {
        var id: UUID
        var applicationId: UUID
        var kind: String
        var kindLabel: String
        var request: ChangeRequest.Part
        var before: ChangeRequest.Part?
        var reason: String
        var state: String
        var stateLabel: String
        var decisionComment: String?
        var requestedBy: UUID
        var decidedBy: UUID?
        var createdAt: Date?
        var decidedAt: Date?
    }

    struct ListDTO: Content {
        var items: [DTO]
    }

    static func dto(_ model: ChangeRequestModel) throws -> DTO {
        DTO(
            id: try model.requireID(), applicationId: model.$application.id, kind: model.kind,
            kindLabel: ChangeRequest.Kind(rawValue: model.kind)?.label ?? model.kind, request: model.request,
            before: model.before, reason: model.reason, state: model.state,
            stateLabel: ChangeRequestModel.State(rawValue: model.state)?.label ?? model.state,
            decisionComment: model.decisionComment, requestedBy: model.requestedBy, decidedBy: model.decidedBy,
            createdAt: model.createdAt, decidedAt: model.decidedAt)
    }

    static func models(_ applicationID: UUID, on db: any Database) async throws -> [ChangeRequestModel] {
        try await ChangeRequestModel.query(on: db).filter(\.$application.$id == applicationID)
            .sort(\.$createdAt, .descending).limit(maximumCount).all()
    }

    static func list(_ applicationID: UUID, on db: any Database) async throws -> ListDTO {
        ListDTO(items: try await models(applicationID, on: db).map(Self.dto))
    }

    /// What the unit and the province do here, in the refusal outside a running project.
    static let doing = "申请或审核项目变更"

    static let pendingMessage = "该项目已有一项变更申请等待省科协审核，审核后才能提出新的变更申请"

    /// The unit's request: checked against the plan as it stands, one pending at a time.
    func request(_ application: ApplicationModel, _ input: ChangeRequest.Input) async throws -> ChangeRequestModel {
        guard user.role == .applicant else { throw AppError.forbidden }
        let applicationID = try application.requireID()
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing) { throw refusal }
        let (checked, checkedReason, problems) = ChangeRequest.check(input, form: application.form)
        guard problems.isEmpty, let part = checked, let reason = checkedReason else {
            throw AppError.validation(problems)
        }
        let now = req.now
        let user = user
        let config = req.application.shenbaoConfig
        let req = req
        return try await db.transaction { db in
            let current = try await ProjectStep.current(
                applicationID, lock: "changes:\(applicationID)", doing: Self.doing, on: db)
            let pending = try await ChangeRequestModel.query(on: db).filter(\.$application.$id == applicationID)
                .filter(\.$state == ChangeRequestModel.State.pending.rawValue).count()
            guard pending == 0 else { throw AppError.conflict(Self.pendingMessage, code: .duplicate) }
            let count = try await ChangeRequestModel.query(on: db).filter(\.$application.$id == applicationID).count()
            guard count < Self.maximumCount else {
                throw AppError.conflict("每个项目最多申请\(Self.maximumCount)次变更", code: .outOfBounds)
            }
            let model = ChangeRequestModel()
            model.$application.id = applicationID
            model.kind = part.kind.rawValue
            model.request = part
            model.reason = reason
            model.state = ChangeRequestModel.State.pending.rawValue
            model.requestedBy = user.id
            model.createdAt = now
            try await model.create(on: db)

            let before = ChangeRequest.Part.of(current.form, kind: part.kind)
            let line = "\(part.kind.label)：\(before.text) → \(part.text)；理由：\(reason)"
            try await ApplicationEventModel.append(
                to: applicationID, actor: user, action: .requestChange, from: nil, to: nil, comment: line, at: now,
                on: db)
            try await AuditTrail.record(
                .changeRequested, by: user,
                subject: AuditTrail.Subject(
                    id: applicationID, name: current.number ?? current.projectName ?? applicationID.uuidString),
                detail: line, request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                role: .province, title: "项目变更申请待审核",
                body: "项目“\(current.projectName ?? "")”申请\(line)。", link: "/applications/\(applicationID.uuidString)")
            return model
        }
    }

    /// The province's decision. Approving applies the change to the plan and keeps the before.
    func decide(_ application: ApplicationModel, changeID raw: String?, approve: Bool?, comment: String?)
        async throws -> ChangeRequestModel
    {
        guard user.role == .province else { throw AppError.forbidden }
        let applicationID = try application.requireID()
        guard let raw, let changeID = UUID(uuidString: raw),
            let found = try await ChangeRequestModel.find(changeID, on: db), found.$application.id == applicationID
        else { throw AppError.notFound("该变更申请") }
        let (checkedComment, problems) = ChangeRequest.checkDecision(approve: approve, comment: comment)
        guard problems.isEmpty, let approve else { throw AppError.validation(problems) }
        let now = req.now
        let user = user
        let config = req.application.shenbaoConfig
        let req = req
        return try await db.transaction { db in
            try await TransactionLock.hold("changes:\(applicationID)", on: db)
            guard let current = try await ApplicationModel.find(applicationID, on: db),
                let change = try await ChangeRequestModel.find(changeID, on: db)
            else { throw AppError.notFound("该变更申请") }
            guard change.state == ChangeRequestModel.State.pending.rawValue else {
                throw AppError.conflict("该变更申请已审核过，不能再次审核", code: .alreadyDecided)
            }
            if let refusal = ProjectStep.refusal(current.status, doing: Self.doing) { throw refusal }
            let part = change.request
            let before = ChangeRequest.Part.of(current.form, kind: part.kind)
            change.state = (approve ? ChangeRequestModel.State.approved : .refused).rawValue
            change.decidedBy = user.id
            change.decisionComment = checkedComment
            change.decidedAt = now
            if approve {
                change.before = before
                let previous = current.version
                current.form = part.apply(to: current.form)
                current.formChangedAt = now
                current.version = previous + 1
                try await ApplicationService.claim(current, previousVersion: previous, on: db)
                try await current.save(on: db)
            }
            try await change.save(on: db)

            let verdict = approve ? "同意" : "不同意"
            let opinion = checkedComment.map { "；意见：\($0)" } ?? ""
            let line = "\(verdict)\(part.kind.label)：\(before.text) → \(part.text)\(opinion)"
            try await ApplicationEventModel.append(
                to: applicationID, actor: user, action: .decideChange, from: nil, to: nil, comment: line, at: now,
                on: db)
            try await AuditTrail.record(
                .changeDecided, by: user,
                subject: AuditTrail.Subject(
                    id: applicationID, name: current.number ?? current.projectName ?? applicationID.uuidString),
                detail: line, request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                organization: current.$organization.id, title: approve ? "项目变更已同意" : "项目变更未同意",
                body: "项目“\(current.projectName ?? "")”的变更申请：省科协\(line)。", application: current)
            return change
        }
    }
}
