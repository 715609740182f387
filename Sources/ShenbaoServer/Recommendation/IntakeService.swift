import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's formal check (形式审查) of an application it received: a checklist ticked item
/// by item, the paper copies and their date, then accept, return or reject with a reason.
struct IntakeService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config
    /// The time the 补正 period is counted from (the tests set the application's clock).
    var now: Date

    struct Input: Content {
        var decision: String?
        var comment: String?
        var paperCopiesReceivedOn: String?
        /// Bound copies of the form received (the call asks for `submission.paperCopies`).
        var paperCopiesReceived: Int?
        /// Non-confidentiality certificates received (`submission.nonConfidentialityCopies`).
        var certificatesReceived: Int?
        var checklist: [String: Bool]?
        /// The 补正 period of a return, in working days (CorrectionPeriod; default 5).
        var correctionDays: NumberText?
    }

    /// The checklist of this application (IntakeChecklist), from what was read with it.
    static func checklist(
        for application: ApplicationModel, organization: OrganizationModel?, call: CallDefinition,
        attachments: [AttachmentModel]
    ) -> [IntakeChecklist.Item] {
        IntakeChecklist.items(
            form: application.form,
            applicantKind: application.organizationSnapshot?.applicantKind ?? organization?.applicantKind,
            divisionCode: application.divisionCode ?? organization?.divisionCode,
            files: attachments.map { IntakeChecklist.File(kind: $0.kind, conditionCode: $0.conditionCode) }, call: call)
    }

    /// `formProblems`: what the page could not read as typed (a count that is not a number),
    /// reported with everything else.
    func decide(_ application: ApplicationModel, _ input: Input, formProblems: [Problem] = []) async throws {
        guard user.role == .province else { throw AppError.forbidden }
        guard application.status == .atProvince else {
            throw AppError(
                status: .conflict, code: .notAtProvince,
                message: "该申报书当前状态为“\(application.status.label)”，不在省科协形式审查阶段")
        }
        let call = try await application.callDefinition(on: db)
        let organization = try await application.organization(on: db)
        let attachments = try await application.attachments(on: db)
        let items = Self.checklist(for: application, organization: organization, call: call, attachments: attachments)
        var problems = formProblems
        let decision = input.decision.flatMap(OpinionModel.Decision.init(rawValue:))
        if decision == nil || decision == .recommend {
            problems.append(
                Problem(
                    field: "decision", code: input.decision == nil ? .required : .invalidValue,
                    message: input.decision == nil
                        ? "请选择审查结论：受理、退回修改或不予受理"
                        : "审查结论应为受理（accept）、退回修改（return）或不予受理（reject）"))
        }
        let (comment, commentProblems) = Opinion.intake.check(input.comment, required: decision != .accept)
        problems += commentProblems
        var received: Day?
        if let raw = input.paperCopiesReceivedOn?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            received = Day(raw)
            if received == nil {
                problems.append(
                    Problem(field: "paperCopiesReceivedOn", code: .invalidValue, message: "纸质材料收到日期应为 YYYY-MM-DD"))
            } else if let day = received, day > ChineseFormat.today(now) {
                problems.append(Problem(field: "paperCopiesReceivedOn", code: .inFuture, message: "纸质材料收到日期不能晚于今天"))
            }
        }
        problems += PaperReceipt.countProblems(
            copies: input.paperCopiesReceived, certificates: input.certificatesReceived,
            required: decision == .accept && formProblems.isEmpty)
        if decision == .accept {
            let ticked = input.checklist ?? [:]
            for item in items where ticked[item.code] != true {
                problems.append(
                    Problem(field: "checklist.\(item.code)", code: .notChecked, message: "受理前请核对：\(item.label)"))
            }
            if received == nil, !problems.contains(where: { $0.field == "paperCopiesReceivedOn" }) {
                problems.append(Problem(field: "paperCopiesReceivedOn", code: .required, message: "受理前请填写纸质材料收到日期"))
            }
        }
        var correction = CorrectionReturn.Outcome.none
        if decision == .return {
            correction = try await CorrectionReturn.period(
                for: application, workingDays: input.correctionDays?.text, today: ChineseFormat.today(now), on: db)
            problems += correction.problems
        }
        guard problems.isEmpty, let decision else { throw AppError.validation(problems) }

        let action: WorkflowAction = decision == .accept ? .accept : decision == .return ? .returnForRevision : .reject
        let change = try StatusChange(application, action, by: user.role)
        if change.to != .accepted { application.$holder.id = nil }
        if let end = correction.end { application.correctionEndsOn = end.description }
        let instruction = correction.instruction
        let opinion = OpinionModel()
        opinion.$application.id = try application.requireID()
        if let mine = user.organizationID {
            opinion.$organization.id = mine
        } else if let province = try await OrganizationModel.query(on: db).filter(\.$kind == .province).first() {
            opinion.$organization.id = try province.requireID()
        }
        opinion.userID = user.id
        opinion.signer = user.contactName
        opinion.stage = .province
        opinion.decision = decision
        opinion.comment = comment.isEmpty ? "形式审查通过，予以受理" : comment
        opinion.attested = false
        opinion.checklist = input.checklist
        opinion.paperCopiesReceivedOn = received?.description
        opinion.paperCopiesReceived = input.paperCopiesReceived
        opinion.certificatesReceived = input.certificatesReceived
        let config = config
        let projectName = application.form.projectName ?? "申报书"
        let words = decision.label(.province)
        try await db.transaction { db in
            try await change.commit(by: user, comment: opinion.comment, at: now, on: db)
            try await opinion.create(on: db)
            try await Notifier(db: db, config: config).notify(
                organization: application.$organization.id, title: "省科协\(words)：\(projectName)",
                body: "省科协对“\(projectName)”的形式审查结论为\(words)。\(comment.isEmpty ? "" : "意见：" + comment + "。")"
                    + (instruction.map { $0 + "。" } ?? ""),
                application: application)
        }
    }
}
