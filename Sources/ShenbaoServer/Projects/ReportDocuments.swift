import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The funded project's reports (中期报告, 总结报告…) and its latest acceptance opinion (验收意见书)
/// as Word, from the same facts as the award letter and the agreement (`ProjectDocuments`) and
/// what the report holds as its page shows it (`ReportService.dto`).
struct ReportDocuments {
    let db: any Database

    /// The report named `code` as it stands (one never saved prints as an empty draft); 404 for a
    /// report the call does not ask, 409 before 立项.
    func report(_ code: String?, of application: ApplicationModel, now: Date) async throws -> (data: Data, name: String)
    {
        let definition = try await ReportService.definition(code, of: application, on: db)
        let facts = try await ProjectDocuments(db: db).facts(of: application, now: now)
        let applicationID = try application.requireID()
        let model = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$code == definition.code).first()
        let evidence = try await application.attachments(on: db).filter { $0.kind == .reportEvidence }
        let dto = ReportService.dto(
            definition, model: model, application: application, evidence: evidence, today: ChineseFormat.today(now))
        let input = ReportText.Input(
            definition: definition, category: application.category, answers: dto.answers,
            budgetsYuan: dto.accounts.map(\.budgetYuan),
            accounts: dto.accounts.map { Report.AccountRow(spentYuan: $0.spentYuan, explanation: $0.explanation) },
            evidence: dto.evidence.map {
                ReportText.EvidenceFile(Report.Evidence(rawValue: $0.type) ?? .other, $0.name)
            },
            status: model?.status ?? .draft, submittedOn: dto.submittedAt.map(ChineseFormat.today))
        return (
            try ReportDocx.report(ReportText.report(facts, input)), name(definition.title, for: application)
        )
    }

    /// The latest acceptance decision's opinion; 404 when none is recorded.
    func acceptance(of application: ApplicationModel, now: Date) async throws -> (data: Data, name: String) {
        let applicationID = try application.requireID()
        guard
            let model = try await AcceptanceModel.query(on: db).filter(\.$application.$id == applicationID)
                .sort(\.$decidedAt, .descending).first()
        else {
            throw AppError(status: .notFound, code: .notFound, message: "该项目尚未记录验收结论，没有验收意见书")
        }
        let facts = try await ProjectDocuments(db: db).facts(of: application, now: now)
        let decision = ReportText.Decision(
            passed: model.passed, score: model.score, goals: model.goals, comment: model.comment,
            rectifyBy: model.rectifyBy.flatMap(Day.init), decidedOn: ChineseFormat.today(model.decidedAt))
        return (try ReportDocx.acceptance(ReportText.acceptance(facts, decision)), name("验收意见书", for: application))
    }

    /// One change request as its 项目变更申请表 (waiting or decided); 404 for another project's.
    func change(_ raw: String?, of application: ApplicationModel, now: Date) async throws -> (data: Data, name: String)
    {
        let applicationID = try application.requireID()
        guard let raw, let changeID = UUID(uuidString: raw),
            let model = try await ChangeRequestModel.find(changeID, on: db), model.$application.id == applicationID
        else { throw AppError.notFound("该变更申请") }
        let facts = try await ProjectDocuments(db: db).facts(of: application, now: now)
        let part = model.request
        // Before a decision the plan as it stands now; once approved, what it was before.
        let before = model.before ?? ChangeRequest.Part.of(application.form, kind: part.kind)
        let request = ChangeRequestText.Request(
            kind: part.kind, before: before.text, after: part.text, reason: model.reason,
            requestedOn: model.createdAt.map(ChineseFormat.today),
            stateLabel: ChangeRequestModel.State(rawValue: model.state)?.label ?? model.state,
            decisionComment: model.decisionComment, decidedOn: model.decidedAt.map(ChineseFormat.today))
        return (
            try ReportDocx.change(ChangeRequestText.content(facts, request)),
            name("项目变更申请表（\(part.kind.label)）", for: application)
        )
    }

    /// `申报编号 项目名称+总结报告`, safe as a file name.
    func name(_ title: String, for application: ApplicationModel) -> String {
        let prefix = application.number.map { $0 + " " } ?? ""
        return ApplicationPackage.safeName(prefix + (application.form.projectName ?? "未命名项目") + "+" + title)
    }
}
