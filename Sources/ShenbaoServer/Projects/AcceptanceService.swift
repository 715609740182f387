import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// 验收 and 绩效评价 (issue 30): once the province has accepted the final report, it records the
/// acceptance opinion and the score against the application's goals. A pass ends the project's
/// reporting (验收通过); a failure sets a rectification deadline and reopens the final report for
/// the unit (验收不通过 → the unit resubmits → 验收中 again). The province then closes the project
/// (结题). Each step with its timeline event, audit line and message in one transaction.
struct AcceptanceService {
    let req: Request
    let user: AuthenticatedUser

    var db: any Database { req.db }

    struct DTO: Content, Equatable {
        var id: UUID
        var passed: Bool
        var outcomeLabel: String
        var score: Int
        var grade: String
        var goals: [String]
        var goalLabels: [String]
        var comment: String
        var rectifyBy: String?
        var decidedAt: Date
    }

    struct ListDTO: Content {
        var items: [DTO]
    }

    static func dto(_ model: AcceptanceModel) -> DTO {
        DTO(
            id: model.id ?? UUID(), passed: model.passed, outcomeLabel: model.passed ? "验收通过" : "验收不通过",
            score: model.score, grade: Acceptance.grade(model.score), goals: model.goals.map(\.rawValue),
            goalLabels: model.goals.map(\.label), comment: model.comment, rectifyBy: model.rectifyBy,
            decidedAt: model.decidedAt)
    }

    /// Newest first; a project has one or a few.
    static func list(_ applicationID: UUID, on db: any Database) async throws -> ListDTO {
        ListDTO(
            items: try await AcceptanceModel.query(on: db).filter(\.$application.$id == applicationID)
                .sort(\.$decidedAt, .descending).limit(50).all().map(dto))
    }

    func record(_ application: ApplicationModel, _ input: Acceptance.Input) async throws -> DTO {
        guard user.role == .province else { throw AppError.forbidden }
        let applicationID = try application.requireID()
        let now = req.now
        let (checked, problems) = Acceptance.check(
            input, phaseCount: application.form.phases?.count ?? 0, today: ChineseFormat.today(now))
        guard problems.isEmpty, let decision = checked else { throw AppError.validation(problems) }
        let finalCode = try await application.callDefinition(on: db).projectReports.first { $0.kind == .final }?.code
        let user = user
        let req = req
        let config = req.application.shenbaoConfig
        return try await db.transaction { db in
            let current = try await ProjectStep.current(
                applicationID, lock: "reports:\(applicationID)", doing: "记录验收结论", on: db)
            let report = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
                .filter(\.$code == finalCode ?? "").first()
            guard current.status == .reporting, let report, report.status == .accepted else {
                throw AppError.conflict("总结报告审核通过后才能记录验收结论", code: .notAllowedInStatus)
            }
            let outcome = decision.passed ? "验收通过" : "验收不通过"
            let line =
                "\(outcome)，绩效评价得分\(decision.score)分（\(Acceptance.grade(decision.score))）"
                + (decision.rectifyBy.map { "，整改期限\($0.chinese)" } ?? "") + "；验收意见：\(decision.comment)"
            let change = try StatusChange(current, decision.passed ? .passAcceptance : .failAcceptance, by: user.role)
            try await change.commit(by: user, comment: line, at: now, on: db)
            let model = AcceptanceModel()
            model.$application.id = applicationID
            model.passed = decision.passed
            model.score = decision.score
            model.goals = decision.goals
            model.comment = decision.comment
            model.rectifyBy = decision.rectifyBy?.description
            model.decidedBy = user.id
            model.decidedAt = now
            try await model.create(on: db)
            if !decision.passed, let next = Report.next(report.status, .reopen, by: .province) {
                // The unit rectifies by correcting and resubmitting its final report.
                report.status = next
                report.returnComment = decision.comment
                report.version += 1
                report.updatedAt = now
                try await report.save(on: db)
            }
            try await AuditTrail.record(
                .acceptanceRecorded, by: user, subject: .application(current), detail: line, request: req,
                on: db)
            try await Notifier(db: db, config: config).notify(
                organization: current.$organization.id, title: "项目\(outcome)",
                body: decision.passed
                    ? "“\(current.projectName ?? "")”\(line)。"
                    : "“\(current.projectName ?? "")”\(line)。请在整改期限前修改总结报告并重新提交。",
                application: current)
            return Self.dto(model)
        }
    }

    /// 结题: the province closes a project whose acceptance is decided.
    func close(_ application: ApplicationModel, comment: String?) async throws {
        guard user.role == .province else { throw AppError.forbidden }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard text.count <= Opinion.maximumLength else {
            throw AppError.validation(
                TextRules.maximumLength(text, Opinion.maximumLength, field: "comment", label: "结题说明"))
        }
        let change = try StatusChange(application, .close, by: user.role)
        let now = req.now
        let user = user
        let req = req
        let config = req.application.shenbaoConfig
        try await db.transaction { db in
            try await TransactionLock.hold("reports:\(try application.requireID())", on: db)
            try await change.commit(by: user, comment: text.isEmpty ? nil : text, at: now, on: db)
            try await AuditTrail.record(
                .projectClosed, by: user, subject: .application(application), detail: text, request: req,
                on: db
            )
            try await Notifier(db: db, config: config).notify(
                organization: application.$organization.id, title: "项目已结题",
                body: "省科协已将“\(application.projectName ?? "")”结题。", application: application)
        }
    }
}
