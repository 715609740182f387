import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// A report's evidence files (会议议程, 参加人员名单…): uploaded into one of `Report.Evidence`'s
/// slots and removed while the report is editable, under the project's lock.
extension ReportService {
    /// A report's file is marked with its slot, `<report code>.<evidence type>`.
    static func slot(_ code: String, _ type: Report.Evidence) -> String { "\(code).\(type.rawValue)" }

    /// The files of report `code` among an application's attachments.
    static func evidence(_ attachments: [AttachmentModel], of code: String) -> [AttachmentModel] {
        attachments.filter { $0.kind == .reportEvidence && ($0.conditionCode ?? "").hasPrefix(code + ".") }
    }

    /// The evidence type of one of those files (`other` for a slot no longer known).
    static func type(of file: AttachmentModel, in code: String) -> Report.Evidence {
        Report.Evidence(rawValue: String((file.conditionCode ?? "").dropFirst(code.count + 1))) ?? .other
    }

    /// The unit's evidence for an editable report, in one of `Report.Evidence`'s slots.
    func attach(_ application: ApplicationModel, code: String?, type raw: String?, fileName: String, data: Data)
        async throws -> DTO
    {
        guard user.role == .applicant else { throw AppError.forbidden }
        let definition = try await Self.definition(code, of: application, on: db)
        guard let type = raw.flatMap(Report.Evidence.init(rawValue:)) else {
            let known = Report.Evidence.allCases.map(\.label).joined(separator: "、")
            throw AppError.validation([
                Problem(
                    field: "kind", code: raw == nil ? .required : .invalidValue,
                    message: "请选择\(Report.Label.evidence)的类别：\(known)")
            ])
        }
        let applicationID = try application.requireID()
        let existing = Self.evidence(try await application.attachments(on: db), of: definition.code)
        guard existing.count < Report.evidenceLimit else {
            throw AppError.validation([
                Problem(
                    field: "file", code: .tooMany,
                    message: "每份报告最多上传\(Report.evidenceLimit)个\(Report.Label.evidence)，请删除不需要的文件后再上传")
            ])
        }
        let config = req.application.shenbaoConfig
        let now = req.now
        _ = try await AttachmentService(db: db, user: user, config: config).upload(
            to: application, kind: AttachmentKind.reportEvidence.rawValue,
            condition: Self.slot(definition.code, type),
            name: fileName, data: data, lock: "reports:\(applicationID)"
        ) { db in
            let report = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
                .filter(\.$code == definition.code).first()
            if let report, !Report.isEditable(report.status) { throw Self.notEditable(report.status, definition) }
        }
        return try await Self.list(application, today: ChineseFormat.today(now), on: db).items.first {
            $0.code == definition.code
        } ?? Self.dto(definition, model: nil, application: application, evidence: [], today: ChineseFormat.today(now))
    }

    /// The unit removes a piece of evidence while the report is editable.
    func detach(_ application: ApplicationModel, code: String?, attachmentID: String?) async throws {
        guard user.role == .applicant else { throw AppError.forbidden }
        let definition = try await Self.definition(code, of: application, on: db)
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing, while: .reporting) { throw refusal }
        let config = req.application.shenbaoConfig
        let attachment = try await AttachmentService(db: db, user: user, config: config).find(
            attachmentID, in: application)
        guard !Self.evidence([attachment], of: definition.code).isEmpty else { throw AppError.notFound("该佐证材料") }
        let applicationID = try application.requireID()
        try await AttachmentService(db: db, user: user, config: config).remove(
            attachment, from: application, label: "\(definition.title)\(Report.Label.evidence)",
            lock: "reports:\(applicationID)"
        ) { db in
            let report = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
                .filter(\.$code == definition.code).first()
            if let report, !Report.isEditable(report.status) { throw Self.notEditable(report.status, definition) }
            let current = try await ApplicationModel.find(applicationID, on: db)
            if let refusal = ProjectStep.refusal(
                current?.status ?? application.status, doing: Self.doing, while: .reporting)
            {
                throw refusal
            }
        }
    }
}
