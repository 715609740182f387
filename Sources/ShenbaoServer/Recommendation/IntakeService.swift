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
    var now = Date()

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

    struct Item: Content {
        var code: String
        var label: String
        /// What the system found itself, shown beside the box as a hint for the clerk.
        var found: String
    }

    /// The items of the checklist for this application: the fixed ones, then each priority claimed.
    static func checklist(
        for application: ApplicationModel, organization: OrganizationModel?, call: CallDefinition,
        attachments: [AttachmentModel]
    ) -> [Item] {
        let form = application.form
        let kinds = Set(attachments.map(\.kind))
        let need = call.submission
        let amount = form.requestedYuan.map { ChineseFormat.wan($0) + " 万元" } ?? "未填写"
        let applicantKind = call.applicantKinds.first {
            $0.code == (application.organizationSnapshot?.applicantKind ?? organization?.applicantKind)
        }
        var items = [
            Item(code: "applicantKind", label: "申报单位类别符合申报条件", found: applicantKind?.label ?? "未填写"),
            Item(
                code: "division", label: "属地与推荐渠道相符",
                found: (application.divisionCode ?? organization?.divisionCode).flatMap {
                    DivisionCatalog.hunan.displayName(code: $0)
                } ?? "省外或未填写"),
            Item(code: "declarations", label: "申报条件声明均已确认", found: declarationsText(form)),
            Item(
                code: "commitment", label: "申报单位承诺已确认",
                found: form.commitment?.accepted == true ? "已确认（\(form.commitment?.acceptedBy ?? "")）" : "未确认"),
            Item(
                code: "attachments", label: "签字盖章扫描件、非涉密证明齐全",
                found: [AttachmentKind.signedScan, .nonConfidentiality].map {
                    "\($0.label)\(kinds.contains($0) ? "✓" : "✗")"
                }.joined(separator: "　")),
            Item(
                code: "evidence", label: "佐证材料能证明符合申报条件、申报书所述情况和申报单位优势，所申报的优先条件均有佐证",
                found: evidenceText(form, call: call, attachments: attachments)),
            Item(code: "budget", label: "申请金额在资助额度之内", found: amount),
            Item(
                code: "paperCopies",
                label: "纸质材料已收到（申报书\(need.paperCopies)份、非涉密证明\(need.nonConfidentialityCopies)份）",
                found: "请在下方填写收到的份数和日期"),
        ]
        for claim in form.priorityClaims ?? [] {
            guard let code = claim.code, let condition = call.priorityConditions.first(where: { $0.code == code })
            else { continue }
            items.append(
                Item(code: "priority.\(code)", label: "优先条件已核实：\(condition.label)", found: claim.evidence ?? ""))
        }
        return items
    }

    /// The evidence files: how many, and for each priority condition claimed whether one names it.
    static func evidenceText(_ form: ApplicationForm, call: CallDefinition, attachments: [AttachmentModel]) -> String {
        let evidence = attachments.filter { $0.kind == .evidence }
        let named = Set(evidence.compactMap(\.conditionCode))
        var parts = ["佐证材料\(evidence.count)份"]
        for code in Set((form.priorityClaims ?? []).compactMap(\.code)).sorted() {
            guard let condition = call.priorityConditions.first(where: { $0.code == code }) else { continue }
            parts.append("\(condition.label)\(named.contains(code) ? "✓" : "✗")")
        }
        return parts.joined(separator: "　")
    }

    static func declarationsText(_ form: ApplicationForm) -> String {
        let d = form.eligibilityDeclarations
        let all = [d?.independentLegalPerson, d?.noSubcontracting, d?.teamAndControls, d?.lawCompliance]
        return "已确认 \(all.filter { $0 == true }.count)/4 项"
    }

    /// `formProblems`: what the page could not read as typed (a count that is not a number),
    /// reported with everything else.
    func decide(_ application: ApplicationModel, _ input: Input, formProblems: [Problem] = []) async throws {
        guard user.role == .province else { throw AppError.forbidden }
        guard application.status == .atProvince else {
            throw AppError(
                status: .conflict, code: "notAtProvince",
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
                    field: "decision", code: input.decision == nil ? "required" : "invalidValue",
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
                    Problem(field: "paperCopiesReceivedOn", code: "invalidValue", message: "纸质材料收到日期应为 YYYY-MM-DD"))
            } else if let day = received, day > ChineseFormat.today() {
                problems.append(Problem(field: "paperCopiesReceivedOn", code: "inFuture", message: "纸质材料收到日期不能晚于今天"))
            }
        }
        problems += PaperReceipt.countProblems(
            copies: input.paperCopiesReceived, certificates: input.certificatesReceived,
            required: decision == .accept && formProblems.isEmpty)
        if decision == .accept {
            let ticked = input.checklist ?? [:]
            for item in items where ticked[item.code] != true {
                problems.append(
                    Problem(field: "checklist.\(item.code)", code: "notChecked", message: "受理前请核对：\(item.label)"))
            }
            if received == nil, !problems.contains(where: { $0.field == "paperCopiesReceivedOn" }) {
                problems.append(Problem(field: "paperCopiesReceivedOn", code: "required", message: "受理前请填写纸质材料收到日期"))
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
            try await change.commit(by: user, comment: opinion.comment, on: db)
            try await opinion.create(on: db)
            try await Notifier(db: db, config: config).notify(
                organization: application.$organization.id, title: "省科协\(words)：\(projectName)",
                body: "省科协对“\(projectName)”的形式审查结论为\(words)。\(comment.isEmpty ? "" : "意见：" + comment + "。")"
                    + (instruction.map { $0 + "。" } ?? ""),
                application: application)
        }
    }
}
