import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The funded project's reports (issue 30): the unit fills each report its call asks (autosaved
/// like the application), submits it; the province returns it with comments or accepts it. A final
/// report's submission and return also move the project (验收中 / 执行中) through the one
/// transition table. Every step with its timeline event, audit line and message in one transaction.
struct ReportService {
    let req: Request
    let user: AuthenticatedUser

    var db: any Database { req.db }

    /// What the unit and the province do here, in the refusal outside a running project.
    static let doing = "填写或审核报告"

    /// The call's report named `code`, or 404 naming it.
    static func definition(_ code: String?, of application: ApplicationModel, on db: any Database) async throws
        -> ReportDefinition
    {
        let call = try await application.callDefinition(on: db)
        guard let code, let definition = call.projectReports.first(where: { $0.code == code }) else {
            throw AppError.notFound("该报告")
        }
        return definition
    }

    /// Inside a transaction: the project's lock, the application and the report as they are now.
    static func current(_ applicationID: UUID, code: String, on db: any Database) async throws -> (
        ApplicationModel, ReportModel?
    ) {
        let application = try await ProjectStep.current(
            applicationID, lock: "reports:\(applicationID)", doing: doing, while: .reporting, on: db)
        let model = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$code == code).first()
        return (application, model)
    }

    /// The unit's save (autosave or the page's 保存): bounds only, the rest is judged at
    /// submission. `version` is the one the page was built from; a stale one is refused.
    func save(
        _ application: ApplicationModel, code: String?, answers: [String: Answer]?, accounts: [Report.AccountRow]?,
        version: Int?
    ) async throws -> DTO {
        guard user.role == .applicant else { throw AppError.forbidden }
        let definition = try await Self.definition(code, of: application, on: db)
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing, while: .reporting) { throw refusal }
        let phaseCount = application.form.phases?.count ?? 0
        let problems = Report.draftProblems(answers: answers, accounts: accounts, phaseCount: phaseCount)
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let applicationID = try application.requireID()
        let now = req.now
        let saved = try await db.transaction { db -> (ApplicationModel, ReportModel) in
            let (current, found) = try await Self.current(applicationID, code: definition.code, on: db)
            let model = found ?? ReportModel()
            if let found {
                guard Report.isEditable(found.status) else { throw Self.notEditable(found.status, definition) }
                if let version, version != found.version {
                    throw AppError.conflict("该报告已在别处保存过（可能在另一个窗口），请刷新页面后再修改", code: .versionConflict)
                }
            } else {
                model.$application.id = applicationID
                model.code = definition.code
                model.status = .draft
                model.version = 0
                model.createdAt = now
            }
            if let answers { model.answers = answers } else if found == nil { model.answers = [:] }
            if let accounts { model.accounts = accounts } else if found == nil { model.accounts = [] }
            model.version += 1
            model.updatedAt = now
            try await model.save(on: db)
            return (current, model)
        }
        return try await Self.dto(saved.1, application: saved.0, on: db, today: ChineseFormat.today(now))
    }

    static func notEditable(_ status: Report.Status, _ definition: ReportDefinition) -> AppError {
        AppError.conflict("\(definition.title)当前状态为“\(status.label)”，不能修改", code: .notEditable)
    }

    /// The unit submits: everything the report needs, all at once; a final report puts the project
    /// 验收中.
    func submit(_ application: ApplicationModel, code: String?) async throws -> DTO {
        guard user.role == .applicant else { throw AppError.forbidden }
        let definition = try await Self.definition(code, of: application, on: db)
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing, while: .reporting) { throw refusal }
        let applicationID = try application.requireID()
        let now = req.now
        let user = user
        let req = req
        let config = req.application.shenbaoConfig
        let saved = try await db.transaction { db -> (ApplicationModel, ReportModel) in
            let (current, found) = try await Self.current(applicationID, code: definition.code, on: db)
            let status = found?.status ?? .draft
            guard let next = Report.next(status, .submit, by: .unit) else {
                throw Self.notEditable(status, definition)
            }
            let phases = current.form.phases ?? []
            let evidence = Self.evidence(try await current.attachments(on: db), of: definition.code)
            let problems = Report.submissionProblems(
                definition, answers: found?.answers, accounts: found?.accounts, budgetsYuan: phases.map(\.budgetYuan),
                evidenceCount: evidence.count, category: current.category)
            guard problems.isEmpty, let found else { throw AppError.validation(problems) }
            let title = definition.title
            if definition.kind == .final {
                // 验收中: the one transition table decides whether the project may be reported on now.
                let change = try StatusChange(current, .submitFinalReport, by: user.role)
                try await change.commit(by: user, comment: title, at: now, on: db)
            } else {
                try await ApplicationEventModel.append(
                    to: applicationID, actor: user, action: .submitReport, from: nil, to: nil, comment: title, at: now,
                    on: db)
            }
            found.status = next
            found.submittedAt = now
            found.returnComment = nil
            found.version += 1
            found.updatedAt = now
            try await found.save(on: db)
            try await AuditTrail.record(
                .reportSubmitted, by: user, subject: .application(current), detail: title, request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                role: .province, title: "\(title)待审核",
                body: "项目“\(current.projectName ?? "")”已提交\(title)，请审核。",
                link: "/applications/\(applicationID.uuidString)")
            return (current, found)
        }
        return try await Self.dto(saved.1, application: saved.0, on: db, today: ChineseFormat.today(now))
    }

    /// The province's decision on a submitted report: returned with what to change, or accepted.
    func decide(_ application: ApplicationModel, code: String?, accept: Bool?, comment: String?) async throws -> DTO {
        guard user.role == .province else { throw AppError.forbidden }
        let definition = try await Self.definition(code, of: application, on: db)
        guard let accept else {
            throw AppError.validation([Problem(field: "accept", code: .required, message: "请选择审核结果（通过或退回修改）")])
        }
        let (text, problems) = Opinion.reportReturn.check(comment, required: !accept)
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let applicationID = try application.requireID()
        let now = req.now
        let user = user
        let req = req
        let config = req.application.shenbaoConfig
        let saved = try await db.transaction { db -> (ApplicationModel, ReportModel) in
            let (current, found) = try await Self.current(applicationID, code: definition.code, on: db)
            let status = found?.status ?? .draft
            guard let found, let next = Report.next(status, accept ? .accept : .return, by: .province) else {
                throw AppError.conflict(
                    "\(definition.title)当前状态为“\(status.label)”，只有已提交的报告可以审核", code: .notAllowedInStatus)
            }
            let title = definition.title
            let opinion = text.isEmpty ? title : "\(title)：\(text)"
            if definition.kind == .final, !accept {
                let change = try StatusChange(current, .returnFinalReport, by: user.role)
                try await change.commit(by: user, comment: opinion, at: now, on: db)
            } else {
                try await ApplicationEventModel.append(
                    to: applicationID, actor: user, action: accept ? .acceptReport : .returnReport, from: nil, to: nil,
                    comment: opinion, at: now, on: db)
            }
            found.status = next
            found.returnComment = accept ? nil : text
            found.decidedBy = user.id
            found.decidedAt = now
            found.version += 1
            found.updatedAt = now
            try await found.save(on: db)
            try await AuditTrail.record(
                accept ? .reportAccepted : .reportReturned, by: user, subject: .application(current), detail: opinion,
                request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                organization: current.$organization.id, title: accept ? "\(title)已通过审核" : "\(title)被退回修改",
                body: accept
                    ? "省科协已审核通过“\(current.projectName ?? "")”的\(title)。"
                    : "省科协退回了“\(current.projectName ?? "")”的\(title)：\(text)。请修改后重新提交。",
                application: current)
            return (current, found)
        }
        return try await Self.dto(saved.1, application: saved.0, on: db, today: ChineseFormat.today(now))
    }
}
