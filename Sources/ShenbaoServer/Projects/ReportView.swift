import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// How a report reads through the API and on the pages: each report of the call as it stands, its
/// due day and lateness, its 经费决算 against the plan and its evidence.
extension ReportService {
    struct EvidenceDTO: Content, Equatable {
        var id: UUID
        var type: String
        var typeLabel: String
        var name: String
        var size: Int64
        var url: String
    }

    struct AccountDTO: Content, Equatable {
        var phase: Int
        var period: String
        var budgetYuan: Int?
        var spentYuan: Int?
        var explanation: String?
    }

    struct DTO: Content, Equatable {
        var code: String
        var title: String
        var kind: String
        var dueRule: String
        /// `YYYY-MM-DD`, when the project's period is known.
        var dueOn: String?
        var overdue: Bool
        var status: String
        var statusLabel: String
        var editable: Bool
        var questions: [Question]
        var answers: [String: Answer]
        var accounts: [AccountDTO]
        var budgetedYuan: Int
        var spentYuan: Int
        var evidence: [EvidenceDTO]
        var returnComment: String?
        var version: Int
        var submittedAt: Date?
        var decidedAt: Date?
    }

    struct ListDTO: Content {
        var items: [DTO]
    }

    /// Every report the project's call asks, each as it stands (a report not yet saved is an
    /// empty draft). `today` decides what is overdue.
    static func list(_ application: ApplicationModel, today: Day, on db: any Database) async throws -> ListDTO {
        let call = try await application.callDefinition(on: db)
        let applicationID = try application.requireID()
        let models = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
            .limit(call.projectReports.count + 10).all()
        let evidence = try await application.attachments(on: db).filter { $0.kind == .reportEvidence }
        let rectifyBy = try await ReportReminders.rectificationDeadlines([applicationID], on: db)[applicationID]
        return ListDTO(
            items: call.projectReports.map { definition in
                dto(
                    definition, model: models.first { $0.code == definition.code }, application: application,
                    evidence: evidence, today: today, rectifyBy: rectifyBy)
            })
    }

    static func dto(
        _ definition: ReportDefinition, model: ReportModel?, application: ApplicationModel,
        evidence: [AttachmentModel], today: Day, rectifyBy: String? = nil
    ) -> DTO {
        let form = application.form
        let phases = form.phases ?? []
        let rows = model?.accounts ?? []
        let status = model?.status ?? .draft
        // A failed acceptance's 整改期限 is the final report's due day (ReportReminders).
        let due = ReportReminders.due(definition, of: application, rectifyBy: rectifyBy).0
        let applicationID = application.id?.uuidString ?? ""
        let totals = Report.totals(budgetsYuan: phases.map(\.budgetYuan), accounts: rows)
        return DTO(
            code: definition.code, title: definition.title, kind: definition.kind.rawValue,
            dueRule: definition.dueRule, dueOn: due?.description,
            // An accepted or closed project owes nothing more: none of its reports is late.
            overdue: ApplicationStatus.reportable.contains(application.status)
                && ReportReminder.isOverdue(due: due, status: status, today: today),
            status: status.rawValue, statusLabel: status.label,
            editable: Report.isEditable(status) && ApplicationStatus.reportable.contains(application.status),
            questions: definition.questions.filter { $0.asks(application.category) },
            // Until the unit's first save (a row the reminders made is version 0), the answers
            // the application already gives.
            answers: (model?.version ?? 0) == 0
                ? definition.prefilledAnswers(from: form).merging(model?.answers ?? [:]) { $1 } : model?.answers ?? [:],
            accounts: phases.enumerated().map { index, phase in
                AccountDTO(
                    phase: index + 1, period: ProjectFacts.text(phase.period), budgetYuan: phase.budgetYuan,
                    spentYuan: index < rows.count ? rows[index].spentYuan : nil,
                    explanation: index < rows.count ? rows[index].explanation : nil)
            },
            budgetedYuan: totals.budgeted, spentYuan: totals.spent,
            evidence: Self.evidence(evidence, of: definition.code).map {
                let type = Self.type(of: $0, in: definition.code)
                return EvidenceDTO(
                    id: $0.id ?? UUID(), type: type.rawValue, typeLabel: type.label,
                    name: $0.name, size: $0.size,
                    url: "/api/v1/applications/\(applicationID)/attachments/\($0.id?.uuidString ?? "")")
            },
            returnComment: model?.returnComment, version: model?.version ?? 0, submittedAt: model?.submittedAt,
            decidedAt: model?.decidedAt)
    }

    static func dto(_ model: ReportModel, application: ApplicationModel, on db: any Database, today: Day)
        async throws -> DTO
    {
        let definition = try await Self.definition(model.code, of: application, on: db)
        application.loadedAttachments = nil
        let evidence = try await application.attachments(on: db).filter { $0.kind == .reportEvidence }
        let applicationID = try application.requireID()
        let rectifyBy = try await ReportReminders.rectificationDeadlines([applicationID], on: db)[applicationID]
        return dto(
            definition, model: model, application: application, evidence: evidence, today: today, rectifyBy: rectifyBy)
    }

}
