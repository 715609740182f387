import Fluent
import Foundation
import ShenbaoCore

/// The 立项与任务书 section of a funded project's page (`applications/_agreement.leaf`): where
/// the project stands, its letter and agreement to download, the signed scans uploaded, and the
/// step that waits — the unit's upload, the province's confirmation or return.
struct AgreementPanel: Encodable {
    struct Scan: Encodable {
        var name: String
        var uploadedAt: String
        var url: String
    }

    var applicationId: String
    var statusLabel: String
    /// What happens next, in a sentence, for this user.
    var next: String
    var scans: [Scan]
    /// The province's reason when it last returned the agreement and it is not uploaded again yet.
    var returnReason: String?
    /// The owner while 已立项: the upload form.
    var canUpload: Bool
    /// The province while 任务书待确认: confirm or return.
    var canDecide: Bool
    /// A refused upload or return: the message beside its form.
    var uploadError: String?
    var commentError: String?
    var comment: String

    static func load(
        _ application: ApplicationModel, user: AuthenticatedUser, uploadError: String? = nil,
        commentError: String? = nil, comment: String = "", on db: any Database
    ) async throws -> AgreementPanel? {
        guard ApplicationStatus.fundedProject.contains(application.status), user.role != .expert else { return nil }
        let id = try application.requireID()
        let owner = ApplicationAccess.isOwner(user, application)
        let scans = try await AttachmentModel.query(on: db).filter(\.$application.$id == id)
            .filter(\.$kind == .agreement).sort(\.$createdAt, .descending).all()
        var returnReason: String?
        if application.status == .approved {
            returnReason =
                try await ApplicationEventModel.query(on: db).filter(\.$application.$id == id)
                .filter(\.$action == EventAction.workflow(.returnAgreement).rawValue).sort(\.$sequence, .descending)
                .first()?.comment
        }
        let next: String =
            switch (application.status, owner, user.role) {
            case (.approved, true, _): "请下载项目任务书，核对后由项目负责人签字、单位盖章，扫描为 PDF 上传。省科协确认后项目开始执行。"
            case (.approved, _, _): "等待申报单位上传签字盖章的项目任务书。"
            case (.agreementSubmitted, _, .province): "申报单位已上传签字盖章的项目任务书，请核对后确认或退回。"
            case (.agreementSubmitted, _, _): "项目任务书已上传，等待省科协确认。"
            default: "项目任务书已确认，项目当前状态：\(application.status.label)。"
            }
        return AgreementPanel(
            applicationId: id.uuidString, statusLabel: application.status.label, next: next,
            scans: try scans.map {
                Scan(
                    name: $0.name, uploadedAt: $0.createdAt.map(ChineseFormat.time) ?? "",
                    url: "/api/v1/applications/\(id.uuidString)/attachments/\(try $0.requireID().uuidString)")
            },
            returnReason: returnReason, canUpload: owner && application.status == .approved,
            canDecide: user.role == .province && application.status == .agreementSubmitted,
            uploadError: uploadError, commentError: commentError, comment: comment)
    }
}
