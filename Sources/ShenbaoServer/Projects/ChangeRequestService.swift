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
        /// 证明材料: the file the unit gave with its request, to download at `url`.
        var evidence: Evidence?
    }

    struct Evidence: Content, Equatable {
        var attachmentId: UUID
        var name: String
        var contentType: String
        var size: Int64
        var url: String
    }

    struct ListDTO: Content {
        var items: [DTO]
    }

    static func dto(_ model: ChangeRequestModel, evidence: AttachmentModel? = nil) throws -> DTO {
        DTO(
            id: try model.requireID(), applicationId: model.$application.id, kind: model.kind,
            kindLabel: ChangeRequest.Kind(rawValue: model.kind)?.label ?? model.kind, request: model.request,
            before: model.before, reason: model.reason, state: model.state,
            stateLabel: ChangeRequestModel.State(rawValue: model.state)?.label ?? model.state,
            decisionComment: model.decisionComment, requestedBy: model.requestedBy, decidedBy: model.decidedBy,
            createdAt: model.createdAt, decidedAt: model.decidedAt,
            evidence: try evidence.map {
                Evidence(
                    attachmentId: try $0.requireID(), name: $0.name, contentType: $0.contentType, size: $0.size,
                    url: evidenceURL(model))
            })
    }

    /// Where the change's evidence is downloaded (the unit, its chain, the province, finance).
    static func evidenceURL(_ model: ChangeRequestModel) -> String {
        "/api/v1/applications/\(model.$application.id.uuidString)/changes/\(model.id?.uuidString ?? "")/evidence"
    }

    /// The change with its evidence's name and size.
    static func dto(_ model: ChangeRequestModel, on db: any Database) async throws -> DTO {
        try dto(model, evidence: try await evidence(of: [model], on: db)[model.evidenceAttachmentID ?? UUID()])
    }

    /// The evidence files of `models`, by attachment id.
    static func evidence(of models: [ChangeRequestModel], on db: any Database) async throws -> [UUID: AttachmentModel] {
        let ids = models.compactMap(\.evidenceAttachmentID)
        guard !ids.isEmpty else { return [:] }
        let found = try await AttachmentModel.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(try found.map { (try $0.requireID(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func models(_ applicationID: UUID, on db: any Database) async throws -> [ChangeRequestModel] {
        try await ChangeRequestModel.query(on: db).filter(\.$application.$id == applicationID)
            .sort(\.$createdAt, .descending).limit(maximumCount).all()
    }

    static func list(_ applicationID: UUID, on db: any Database) async throws -> ListDTO {
        let models = try await models(applicationID, on: db)
        let files = try await evidence(of: models, on: db)
        return ListDTO(items: try models.map { try dto($0, evidence: $0.evidenceAttachmentID.flatMap { files[$0] }) })
    }

    /// A file given as 证明材料: its name as sent and its bytes.
    struct EvidenceFile: Sendable {
        var name: String
        var data: Data
    }

    /// The field and label every problem of the evidence file names (证明材料).
    static let evidenceField = "evidence"

    /// What is wrong with `file` as evidence, judged before anything is written so the form's
    /// other problems come with it: empty, too large, not a PDF, JPG or PNG. The upload checks
    /// it again, with the quotas (AttachmentService).
    static func evidenceProblems(_ file: EvidenceFile, maxBytes: Int) -> [Problem] {
        if file.data.isEmpty {
            return [Problem(field: evidenceField, code: .required, message: "证明材料：请选择要上传的文件（文件不能为空）")]
        }
        if file.data.count > maxBytes {
            return [
                Problem(
                    field: evidenceField, code: .tooLarge,
                    message:
                        "证明材料：文件“\(file.name)”大小为 \(AttachmentService.megabytes(file.data.count))，超过单个附件 \(maxBytes / 1024 / 1024) MB 的上限"
                )
            ]
        }
        guard let type = FileType.detect(file.data.prefix(64 * 1024)),
            AttachmentRules.acceptedTypes(.changeEvidence).contains(type)
        else {
            let type = FileType.detect(file.data.prefix(64 * 1024))
            return [
                Problem(
                    field: evidenceField, code: .unsupportedType,
                    message:
                        "证明材料只接受 PDF、JPG 或 PNG 文件，“\(file.name)”\(type.map { "是\($0.label)" } ?? "不是其中之一")。请扫描或导出为 PDF，或拍照后上传"
                )
            ]
        }
        return []
    }

    /// The upload's problems under the evidence's name: `file` becomes `evidence`, each message
    /// says it is about 证明材料.
    static func namedEvidence(_ error: AppError) -> AppError {
        guard error.status == .unprocessableEntity else { return error }
        let problems = error.pageProblems.map { problem -> Problem in
            guard problem.field == "file" else { return problem }
            let message = problem.message.hasPrefix("证明材料") ? problem.message : "证明材料：" + problem.message
            return Problem(field: evidenceField, code: problem.code, message: message)
        }
        return AppError.validation(problems)
    }

    /// What the unit and the province do here, in the refusal outside a running project.
    static let doing = "申请或审核项目变更"

    static let pendingMessage = "该项目已有一项变更申请等待省科协审核，审核后才能提出新的变更申请"

    /// The unit's request: checked against the plan as it stands, one pending at a time; with its
    /// evidence (证明材料), stored in the same transaction or not at all.
    func request(_ application: ApplicationModel, _ input: ChangeRequest.Input, evidence: EvidenceFile? = nil)
        async throws -> ChangeRequestModel
    {
        guard user.role == .applicant else { throw AppError.forbidden }
        let applicationID = try application.requireID()
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing) { throw refusal }
        let (checked, checkedReason, formProblems) = ChangeRequest.check(input, form: application.form)
        let config = req.application.shenbaoConfig
        let problems =
            formProblems + (evidence.map { Self.evidenceProblems($0, maxBytes: config.maxAttachmentBytes) } ?? [])
        guard problems.isEmpty, let part = checked, let reason = checkedReason else {
            throw AppError.validation(problems)
        }
        let now = req.now
        let user = user
        let req = req
        let changeID = UUID()
        let record: @Sendable (any Database, UUID?) async throws -> ChangeRequestModel = { db, evidenceID in
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
            model.id = changeID
            model.evidenceAttachmentID = evidenceID
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
                to: applicationID, actor: user, action: .requestChange, from: nil, to: nil,
                comment: line + (evidenceID == nil ? "" : "；附证明材料"), at: now, on: db)
            try await AuditTrail.record(
                .changeRequested, by: user,
                subject: .application(current),
                detail: line, request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                role: .province, title: "项目变更申请待审核",
                body: "项目“\(current.projectName ?? "")”申请\(line)。", link: "/applications/\(applicationID.uuidString)")
            return model
        }
        guard let evidence else { return try await db.transaction { try await record($0, nil) } }
        let attachmentID = UUID()
        do {
            _ = try await AttachmentService(db: db, user: user, config: config).upload(
                to: application, kind: AttachmentKind.changeEvidence.rawValue, name: evidence.name, data: evidence.data,
                id: attachmentID, lock: "changes:\(applicationID)"
            ) { db in _ = try await record(db, attachmentID) }
        } catch let error as AppError {
            throw Self.namedEvidence(error)
        }
        guard let model = try await ChangeRequestModel.find(changeID, on: db) else {
            throw AppError.notFound("该变更申请")
        }
        return model
    }

    /// A waiting request's evidence, given (or given again) after the request: the API's way, whose
    /// request is JSON. The last file given is the change's evidence; an earlier one stays among
    /// the project's files, as everything uploaded does.
    func attachEvidence(_ application: ApplicationModel, changeID raw: String?, file: EvidenceFile) async throws
        -> ChangeRequestModel
    {
        guard user.role == .applicant else { throw AppError.forbidden }
        let applicationID = try application.requireID()
        guard let raw, let changeID = UUID(uuidString: raw),
            let found = try await ChangeRequestModel.find(changeID, on: db), found.$application.id == applicationID
        else { throw AppError.notFound("该变更申请") }
        guard found.state == ChangeRequestModel.State.pending.rawValue else {
            throw AppError.conflict("该变更申请已审核，不能再上传证明材料", code: .alreadyDecided)
        }
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing) { throw refusal }
        let problems = Self.evidenceProblems(file, maxBytes: req.application.shenbaoConfig.maxAttachmentBytes)
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let config = req.application.shenbaoConfig
        let attachmentID = UUID()
        let projectName = application.form.projectName ?? ""
        let subject = AuditTrail.Subject.application(application)
        let user = user
        let req = req
        do {
            _ = try await AttachmentService(db: db, user: user, config: config).upload(
                to: application, kind: AttachmentKind.changeEvidence.rawValue, name: file.name, data: file.data,
                id: attachmentID, lock: "changes:\(applicationID)"
            ) { db in
                guard let change = try await ChangeRequestModel.find(changeID, on: db),
                    change.state == ChangeRequestModel.State.pending.rawValue
                else { throw AppError.conflict("该变更申请已审核，不能再上传证明材料", code: .alreadyDecided) }
                change.evidenceAttachmentID = attachmentID
                try await change.save(on: db)
                try await AuditTrail.record(
                    .changeRequested, by: user,
                    subject: subject,
                    detail: "补充证明材料：\(file.name)", request: req, on: db)
                try await Notifier(db: db, config: config).notify(
                    role: .province, title: "项目变更证明材料已上传",
                    body:
                        "项目“\(projectName)”的变更申请（\(ChangeRequest.Kind(rawValue: change.kind)?.label ?? change.kind)）上传了证明材料。",
                    link: "/applications/\(applicationID.uuidString)")
            }
        } catch let error as AppError {
            throw Self.namedEvidence(error)
        }
        guard let model = try await ChangeRequestModel.find(changeID, on: db) else {
            throw AppError.notFound("该变更申请")
        }
        return model
    }

    /// The file of a change's evidence, for whoever may read the application.
    func evidenceFile(_ application: ApplicationModel, changeID raw: String?) async throws -> AttachmentModel {
        let applicationID = try application.requireID()
        guard let raw, let changeID = UUID(uuidString: raw),
            let change = try await ChangeRequestModel.find(changeID, on: db), change.$application.id == applicationID,
            let attachmentID = change.evidenceAttachmentID,
            let attachment = try await AttachmentModel.query(on: db).filter(\.$id == attachmentID)
                .filter(\.$application.$id == applicationID).first()
        else { throw AppError.notFound("该变更申请的证明材料") }
        return attachment
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
                subject: .application(current),
                detail: line, request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                organization: current.$organization.id, title: approve ? "项目变更已同意" : "项目变更未同意",
                body: "项目“\(current.projectName ?? "")”的变更申请：省科协\(line)。", application: current)
            return change
        }
    }
}
