import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// The call editor: the province replaces a call's numbers, lists and texts in one go
/// (docs/rules.md §2). Every problem of the new definition at once; then, when applications
/// already use the call, whatever the change would take from them is refused with the list.
/// Year, phase and deadline are not the editor's: they have their own steps.
struct CallEditorService {
    let db: any Database

    func replace(_ call: CallModel, with input: Input, by user: AuthenticatedUser, request: Request) async throws
        -> CallModel
    {
        var edited = input.applied(to: call.current)
        edited.title = edited.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let definition = edited
        let problems = CallDefinitionCheck.problems(definition)
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let callID = try call.requireID()
        return try await db.transaction { db in
            let breaks = CallDefinitionCheck.breaks(
                from: call.current, to: definition, usage: try await Self.usage(of: callID, on: db))
            guard breaks.isEmpty else {
                throw AppError(
                    status: .conflict, code: .usedByApplications,
                    message: "已有申报书使用本申报指南，以下\(breaks.count)处修改会使其失效，未保存", problems: breaks)
            }
            call.title = definition.title
            call.definition = definition
            try await call.save(on: db)
            try await AuditTrail.record(
                .callDefinitionEdited, by: user, subject: AuditTrail.Subject(id: callID, name: call.title),
                detail: "", request: request, on: db)
            return call
        }
    }

    /// What the call's applications (drafts included: a draft is someone's work) and the
    /// registered organisations use of it. Only each application's category and the few parts
    /// of its form that name the call's codes or amounts are read (`UsedParts`), not the whole form.
    static func usage(of callID: UUID, on db: any Database) async throws -> CallUsage {
        let rows = try await StaticSelect.sql(db).select().column("category").column("form")
            .from(ApplicationModel.schema).where("call_id", .equal, callID).all()
        var usage = CallUsage()
        for row in rows {
            let category = try row.decode(column: "category", as: ShenbaoCore.Category.self)
            let form = try row.decode(column: "form", as: UsedParts.self)
            var used =
                usage.categories[category]
                ?? CallUsage.CategoryUsage(count: 0, cooperationContent: [], fields: [], requestedYuan: nil)
            used.count += 1
            used.cooperationContent.formUnion(form.cooperationContent?.codes ?? [])
            used.fields.formUnion(form.fields?.codes ?? [])
            if let requested = form.requestedYuan, InputBounds.amountYuan.contains(requested) {
                used.requestedYuan =
                    used.requestedYuan.map {
                        Swift.min($0.lowerBound, requested)...Swift.max($0.upperBound, requested)
                    } ?? requested...requested
            }
            usage.categories[category] = used
            usage.priorityConditions.formUnion((form.priorityClaims ?? []).compactMap(\.code))
            usage.answeredQuestions.formUnion((form.answers ?? [:]).keys)
        }
        let kinds = try await OrganizationModel.query(on: db).filter(\.$applicantKind != nil)
            .field(\.$id).field(\.$applicantKind).unique().all(\.$applicantKind)
        usage.applicantKinds = Set(kinds.compactMap { $0 })
        // A report counts as used once a unit saved it (a row the reminders made is version 0).
        let saved = try await ReportModel.query(on: db).join(
            ApplicationModel.self, on: \ReportModel.$application.$id == \ApplicationModel.$id
        )
        .filter(ApplicationModel.self, \.$call.$id == callID).filter(\.$version > 0).unique().all(\.$code)
        usage.savedReports = Set(saved)
        return usage
    }

    /// The parts of an application's form (`ApplicationForm`, same keys) that use the call.
    private struct UsedParts: Decodable {
        var cooperationContent: Choices?
        var fields: Choices?
        var phases: [Phase]?
        var priorityClaims: [PriorityClaim]?
        var answers: [String: Answer]?

        /// As `ApplicationForm.requestedYuan` reckons it.
        var requestedYuan: Int? {
            var form = ApplicationForm()
            form.phases = phases
            return form.requestedYuan
        }
    }
}

extension CallEditorService {
    /// What the editor sends: the call as `GET /api/v1/calls/{id}` answers it, year, phase and
    /// deadline aside (a client may send the whole answer back; those keys are ignored).
    struct Input: Content {
        var title: String
        var contact: CallContact
        var totalFunded: Bounds
        var categories: [CategoryDefinition]
        var applicantKinds: [Option]
        var recommenderKinds: [RecommenderKindOption]
        var eligibilityConditions: [Option]
        var priorityConditions: [Option]
        var noticeWorkingDays: Int
        var submission: SubmissionRequirements
        var guideText: String
        var formEdition: String?
        /// The extra questions (补充信息), in the form's order; absent leaves them as they are.
        var questions: [Question]?
        /// The reports every funded project owes (中期报告, 总结报告…) with their questions; absent
        /// leaves them as they are.
        var reports: [ReportDefinition]?

        /// A definition's editable parts, questions included.
        init(_ definition: CallDefinition) {
            title = definition.title
            contact = definition.contact
            totalFunded = definition.totalFunded
            categories = definition.categories
            applicantKinds = definition.applicantKinds
            recommenderKinds = definition.recommenderKinds
            eligibilityConditions = definition.eligibilityConditions
            priorityConditions = definition.priorityConditions
            noticeWorkingDays = definition.noticeWorkingDays
            submission = definition.submission
            guideText = definition.guideText
            formEdition = definition.formEdition
            questions = definition.questions
            reports = definition.projectReports
        }

        func applied(to call: CallDefinition) -> CallDefinition {
            var definition = call
            definition.title = title
            definition.contact = contact
            definition.totalFunded = totalFunded
            definition.categories = categories
            definition.applicantKinds = applicantKinds
            definition.recommenderKinds = recommenderKinds
            definition.eligibilityConditions = eligibilityConditions
            definition.priorityConditions = priorityConditions
            definition.noticeWorkingDays = noticeWorkingDays
            definition.submission = submission
            definition.guideText = guideText
            definition.formEdition = formEdition
            if let questions { definition.questions = questions.isEmpty ? nil : questions }
            if let reports { definition.reports = reports }
            return definition
        }
    }
}
