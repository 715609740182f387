import Crypto
import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// Attachments of a draft: checked by their content, limited in size, stored once by SHA-256
/// (in the database, or as files: AttachmentStore).
/// A refused upload stores nothing.
struct AttachmentService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    /// `condition`: for evidence, the priority condition it proves (empty or nil for none).
    /// `alongside` runs in the upload's transaction after the attachment is written (the
    /// agreement's status change commits with its file). `id`: the attachment's id, chosen by a
    /// caller that links it (a change request's evidence). `lock`: a TransactionLock key held
    /// first in the transaction, before the application's version is claimed (the change
    /// requests' own order, so the two never wait for each other).
    func upload(
        to application: ApplicationModel, kind raw: String?, condition: String? = nil, name: String, data: Data,
        id: UUID? = nil, lock: String? = nil,
        alongside: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws -> AttachmentModel {
        let kind = raw.flatMap(AttachmentKind.init(rawValue:))
        // The agreement is uploaded to a funded project (AgreementService), every other kind to a draft.
        if kind == .agreement {
            guard application.status == .approved else {
                throw AppError(
                    status: .conflict, code: .notEditable,
                    message: "项目当前状态为“\(application.status.label)”，不能上传项目任务书")
            }
        } else if kind == .changeEvidence, lock != nil {
            // A change request's evidence, through ChangeRequestService only (it holds the
            // change's lock): while the project runs.
            if let refusal = ProjectStep.refusal(application.status, doing: ChangeRequestService.doing) {
                throw refusal
            }
        } else if kind == .reportEvidence, lock != nil {
            // A report's evidence, through ReportService only (it holds the project's lock and
            // checks the report is editable): while the project runs.
            if let refusal = ProjectStep.refusal(application.status, doing: ReportService.doing, while: .reporting) {
                throw refusal
            }
        } else {
            try ensureEditable(application)
        }
        var problems: [Problem] = []
        if kind == nil {
            let known = AttachmentKind.ofTheApplication.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")
            problems.append(
                Problem(field: "kind", code: raw == nil ? .required : .invalidValue, message: "请选择附件类别：\(known)"))
        }
        let maxMB = config.maxAttachmentBytes / 1024 / 1024
        let type = FileType.detect(data.prefix(64 * 1024))
        if data.isEmpty {
            problems.append(Problem(field: "file", code: .required, message: "请选择要上传的文件（文件不能为空）"))
        } else if data.count > config.maxAttachmentBytes {
            problems.append(
                Problem(
                    field: "file", code: .tooLarge,
                    message: "文件“\(name)”大小为 \(Self.megabytes(data.count))，超过单个附件 \(maxMB) MB 的上限"))
        } else if type == nil {
            problems.append(
                Problem(
                    field: "file", code: .unsupportedType,
                    message: "文件“\(name)”不是 PDF、JPEG、PNG 或 Word（.docx）文件。请上传扫描件的 PDF 或图片；改扩展名无效"))
        } else if let type,
            let refusal = FileCheck.refusal(type, of: data)
                ?? (type == .docx ? ArchiveInflation.refusal(ofDocx: data) : nil)
        {
            let message: String =
                switch refusal {
                case .pdfWithoutEnd: "文件“\(name)”开头像 PDF，但不是完整的 PDF 文件（可能已损坏或被篡改）。请重新导出或扫描后上传"
                case .brokenArchive: "文件“\(name)”不是完整的 Word（.docx）文件（压缩包已损坏）。请用 Word 重新保存后上传"
                case .archiveTooLarge(let bytes):
                    "文件“\(name)”解压后有 \(Self.megabytes(bytes))，远超正常 Word 文件，疑似压缩炸弹，不予接收"
                }
            problems.append(Problem(field: "file", code: .unsafeFile, message: message))
        } else if let kind, let type {
            // The slot's own rules: the signed scan a PDF, a condition only for evidence.
            problems += AttachmentRules.problems(
                kind: kind, type: type, condition: condition, fileName: name,
                call: try await application.callDefinition(on: db))
        }
        let used = try await application.attachments(on: db).reduce(Int64(0)) { $0 + $1.size }
        if problems.isEmpty, used + Int64(data.count) > Int64(config.maxApplicationBytes) {
            problems.append(
                Problem(
                    field: "file", code: .applicationTooLarge,
                    message:
                        "本申报书的附件合计不能超过 \(config.maxApplicationBytes / 1024 / 1024) MB，已用 \(Self.megabytes(Int(used)))"))
        }
        if problems.isEmpty {
            let organizationUsed = try await Self.organizationBytes(application.$organization.id, on: db)
            if organizationUsed + Int64(data.count) > Int64(config.maxOrganizationBytes) {
                problems.append(
                    Problem(
                        field: "file", code: .organizationQuotaExceeded,
                        message:
                            "本单位所有申报书的附件合计不能超过 \(config.maxOrganizationBytes / 1024 / 1024) MB，已用 \(Self.megabytes(Int(organizationUsed)))。请删除不再需要的附件后再上传"
                    ))
            }
        }
        guard problems.isEmpty, let kind, let type else { throw AppError.validation(problems) }

        let sha256 = Hex.string(SHA256.hash(data: data))
        let attachment = AttachmentModel()
        attachment.id = id
        attachment.$application.id = try application.requireID()
        attachment.kind = kind
        attachment.name = Self.cleanName(name, type: type)
        attachment.contentType = type.contentType
        attachment.size = Int64(data.count)
        attachment.sha256 = sha256
        attachment.uploadedBy = user.id
        attachment.conditionCode =
            switch kind {
            case .evidence: AttachmentRules.storedCondition(condition)
            case .reportEvidence: condition  // its slot, `<report>.<evidence type>`, set by ReportService
            default: nil
            }
        let previous = application.version
        application.version = previous + 1
        application.loadedAttachments = nil  // they change now: asked again, they are read again
        // The file first, outside the write lane, as many at once as come (AttachmentStore).
        let store = config.attachmentStore
        try await store?.write(data, sha256: sha256)
        try await db.transaction { db in
            if let lock { try await TransactionLock.hold(lock, on: db) }
            try await ApplicationService.claim(application, previousVersion: previous, on: db)
            // In the lane no delete runs beside us: if one took this content's file since it was
            // written above, it is written again (otherwise nothing happens).
            try store?.writeNow(data, sha256: sha256)
            let sql = try StaticSelect.sql(db)
            if store == nil {
                // PostgreSQL plans a one-off statement with its parameters' values folded in as
                // constants, copying the file's bytes into the plan; a generic plan reads them
                // where they arrived: a third less of PostgreSQL's CPU per 2 MiB (bench/RESULTS.md).
                try await sql.raw("SET LOCAL plan_cache_mode = force_generic_plan").run()
            }
            // Stored once per content. "Insert unless present" in one statement: two uploads of the
            // same file at once would otherwise both find none and the second would collide.
            try await sql.insert(into: BlobModel.schema)
                .columns("id", "sha256", "size", "data", "created_at")
                .values(
                    SQLBind(UUID()), SQLBind(sha256), SQLBind(Int64(data.count)), SQLBind(store == nil ? data : Data()),
                    SQLBind(config.now)
                )
                .ignoringConflicts(with: ["sha256"])
                .run()
            try await attachment.create(on: db)
            try await ApplicationEventModel.append(
                to: try application.requireID(), actor: user, action: .attach, from: nil, to: nil,
                comment: "\(kind.label)：\(attachment.name)", at: config.now, on: db)
            try await alongside(db)
        }
        return attachment
    }

    func delete(_ attachmentID: String?, from application: ApplicationModel) async throws {
        try ensureEditable(application)
        try await remove(try await find(attachmentID, in: application), from: application)
    }

    /// The row, its timeline line (`label` naming the file's slot), and the bytes once nothing
    /// names them. `lock` and `alongside` as for `upload`: the caller's own guard, in the same
    /// transaction (a report's evidence: the report still editable).
    func remove(
        _ attachment: AttachmentModel, from application: ApplicationModel, label: String? = nil, lock: String? = nil,
        alongside: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws {
        let previous = application.version
        application.version = previous + 1
        application.loadedAttachments = nil  // they change now: asked again, they are read again
        let unnamed = try await db.transaction { db -> Bool in
            if let lock { try await TransactionLock.hold(lock, on: db) }
            try await alongside(db)
            try await ApplicationService.claim(application, previousVersion: previous, on: db)
            try await attachment.delete(on: db)
            try await ApplicationEventModel.append(
                to: try application.requireID(), actor: user, action: .detach, from: nil, to: nil,
                comment: "\(label ?? attachment.kind.label)：\(attachment.name)", at: config.now, on: db)
            // The bytes go when nothing names them any more.
            guard try await AttachmentModel.query(on: db).filter(\.$sha256 == attachment.sha256).count() == 0 else {
                return false
            }
            try await BlobModel.query(on: db).filter(\.$sha256 == attachment.sha256).delete()
            return true
        }
        if unnamed, let store = config.attachmentStore {
            // Once the row is gone for good, and in the lane again: an upload of the same content
            // that wrote its file meanwhile either committed first (its row keeps the file) or
            // comes after and writes the file again.
            try await db.transaction { db in
                if try await BlobModel.query(on: db).filter(\.$sha256 == attachment.sha256).count() == 0 {
                    store.remove(attachment.sha256)
                }
            }
        }
    }

    func find(_ raw: String?, in application: ApplicationModel) async throws -> AttachmentModel {
        guard let id = raw.flatMap(UUID.init(uuidString:)),
            let attachment = try await AttachmentModel.query(on: db).filter(\.$id == id)
                .filter(\.$application.$id == application.requireID()).first()
        else { throw AppError.notFound("该附件") }
        return attachment
    }

    func content(of attachment: AttachmentModel) async throws -> Data {
        guard let data = try await BlobModel.content(attachment.sha256, on: db, store: config.attachmentStore) else {
            throw AppError.notFound("附件内容")
        }
        return data
    }

    private func ensureEditable(_ application: ApplicationModel) throws {
        guard Workflow.isEditable(application.status) else {
            throw AppError(
                status: .conflict, code: .notEditable,
                message: "申报书当前状态为“\(application.status.label)”，附件不能再修改")
        }
    }

    /// A name safe to show and to send back: no folders, no control characters, the right extension.
    static func cleanName(_ raw: String, type: FileType) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = FileNameText.printable(base).trimmingCharacters(in: .whitespaces)
        name = FileNameText.shortened(name, to: 120)
        if name.isEmpty { name = "附件" }
        let lower = name.lowercased()
        let extensions = type == .jpeg ? [".jpg", ".jpeg"] : [".\(type.fileExtension)"]
        if !extensions.contains(where: { lower.hasSuffix($0) }) { name += ".\(type.fileExtension)" }
        return name
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }

    /// What the attachments of an organisation's applications weigh together (a withdrawn one's
    /// no longer count: withdrawing frees its space).
    static func organizationBytes(_ organizationID: UUID, on db: any Database) async throws -> Int64 {
        let row = try await StaticSelect.sql(db).raw(
            """
            SELECT CAST(COALESCE(SUM("attachments"."size"), 0) AS BIGINT) AS "bytes" FROM "attachments"
            JOIN "applications" ON "applications"."id" = "attachments"."application_id"
            WHERE "applications"."organization_id" = \(bind: organizationID) AND "applications"."status" != 'withdrawn'
            """
        ).first()
        return try row?.decode(column: "bytes", as: Int64.self) ?? 0
    }

    /// A file's size as a list shows it: KB below a megabyte, so a small scan is not "0.0 MB".
    static func sizeText(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\(max(1, (bytes + 1023) / 1024)) KB" : megabytes(bytes)
    }
}
