import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The project's agreement (项目任务书) after 立项: the unit uploads it signed and stamped, the
/// province confirms it (the project is underway) or returns it with a reason. Each step is one
/// row of the transition table; the file, the status, the timeline and the messages commit
/// together.
struct AgreementService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    /// The unit's upload of the signed scan, which submits it.
    func submit(_ application: ApplicationModel, fileName: String, data: Data) async throws {
        let from = application.status
        let to = try ApplicationService.workflow(.submitAgreement, from, user.role)
        let actor = user
        let now = config.now
        let config = config
        _ = try await AttachmentService(db: db, user: user, config: config).upload(
            to: application, kind: AttachmentKind.agreement.rawValue, name: fileName, data: data
        ) { db in
            application.status = to
            try await application.save(on: db)
            try await ApplicationEventModel.append(
                to: try application.requireID(), actor: actor, action: .workflow(.submitAgreement), from: from,
                to: to, comment: nil, at: now, on: db)
            try await Notifier(db: db, config: config).notify(
                role: .province, title: "项目任务书待确认",
                body: "“\(application.form.projectName ?? "未命名项目")”已上传签字盖章的项目任务书，请核对后确认或退回。",
                link: "/applications/\(try application.requireID().uuidString)")
        }
    }

    /// The province confirms the agreement: 执行中.
    func confirm(_ application: ApplicationModel) async throws {
        let change = try StatusChange(application, .confirmAgreement, by: user.role)
        try await db.transaction { db in
            try await change.commit(by: user, comment: nil, at: config.now, on: db)
            try await Notifier(db: db, config: config).notify(
                organization: application.$organization.id, title: "项目任务书已确认",
                body: "省科协已确认“\(application.form.projectName ?? "未命名项目")”的项目任务书，项目进入执行阶段。",
                application: application)
        }
    }

    /// The province returns the agreement with what to correct; the unit uploads it again.
    func giveBack(_ application: ApplicationModel, comment: String?) async throws {
        let (reason, problems) = Opinion.agreementReturn.check(comment)
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let change = try StatusChange(application, .returnAgreement, by: user.role)
        try await db.transaction { db in
            try await change.commit(by: user, comment: reason, at: config.now, on: db)
            try await Notifier(db: db, config: config).notify(
                organization: application.$organization.id, title: "项目任务书被退回",
                body: "省科协退回了“\(application.form.projectName ?? "未命名项目")”的项目任务书：\(reason)。请修改后重新上传。",
                application: application)
        }
    }
}
