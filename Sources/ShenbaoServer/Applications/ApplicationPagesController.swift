import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The applicant's pages: "我的申报", the form (with autosave), attachments, submission, the
/// read-only view and the A4 print view. Each action is the API's service behind a form.
struct ApplicationPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignedIn()).grouped("applications")
        let applicant = routes.grouped(RequireRoles(.applicant)).grouped("applications")
        signedIn.get(use: list)
        applicant.post(use: create)
        signedIn.get(":applicationId", use: show)
        signedIn.get(":applicationId", "print", use: printView)
        applicant.post(":applicationId", use: save)
        applicant.post(":applicationId", "autosave", use: autosave)
        applicant.on(
            .POST, ":applicationId", "attachments",
            body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: upload)
        applicant.post(":applicationId", "attachments", ":attachmentId", "delete", use: deleteAttachment)
        applicant.post(":applicationId", "submit", use: submit)
        applicant.post(":applicationId", "withdraw", use: withdraw)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let filter = try req.query.decode(ApplicationQuery.self)
        // A desk's list is the chosen call's; an applicant's 我的申报 lists every call it applied to.
        let call = user.role == .applicant ? nil : try await CallChoice.chosenIfAny(req)
        let page = try await ApplicationListPage.load(for: user, filter: filter, call: call, on: req.db)
        return try await req.renderPage(
            .applicationsList, title: user.role == .applicant ? "我的申报" : "申报书", page)
    }

    struct CreateForm: Content {
        /// The call the draft is for; the newest when a page sends none.
        var callId: String?
        var category: String?
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(CreateForm.self)
        let application = try await ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig)
            .create(
                callID: form.callId, category: form.category)
        return req.redirect(to: "/applications/\(try application.requireID().uuidString)")
    }

    /// The form while it is the owner's draft; otherwise the read-only view.
    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "saved": "已保存。"
            case "submitted": "已提交，等待推荐单位审核。"
            case "withdrawn": "已撤回。"
            case "uploaded": "附件已上传。"
            case "deleted": "附件已删除。"
            case "paperShort": "已受理。请注意下方的纸质材料份数提示。"
            case "disbursed": "已登记拨付。"
            case "agreementUploaded": "项目任务书已上传，等待省科协确认。"
            case "agreementConfirmed": "已确认项目任务书，项目进入执行阶段。"
            case "agreementReturned": "已退回项目任务书，申报单位会收到通知。"
            case "changeRequested": "变更申请已提交，等待省科协审核。"
            case "changeDecided": "已审核变更申请，申报单位会收到通知。"
            default: ReportPanel.flash(req.query[String.self, at: "done"])
            }
        // `check=1`: the 检查 button (or a save that asked to check) shows every problem by its field.
        let check = req.query[String.self, at: "check"] == "1"
        return try await render(req, application, flash: check ? nil : flash, check: check)
    }

    func render(
        _ req: Request, _ application: ApplicationModel, extraProblems: [Problem] = [], flash: String? = nil,
        selectedRecommender: String = "", check: Bool = false, typed: ApplicationPage.Typed? = nil,
        ticked: Set<String> = [], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireUser()
        var page = try await pageModel(
            req, application, extraProblems: extraProblems, flash: flash, selectedRecommender: selectedRecommender,
            check: check)
        if let typed { page.typed = typed }
        for index in page.checklist.indices {
            page.checklist[index].checked = ticked.contains(page.checklist[index].code)
        }
        let editing = ApplicationAccess.isOwner(user, application) && page.editable
        return try await req.renderPage(
            editing ? .applicationsEdit : .applicationsShow,
            title: page.projectName.isEmpty ? page.formTitle : page.projectName, page, status: status)
    }

    func pageModel(
        _ req: Request, _ application: ApplicationModel, extraProblems: [Problem] = [], flash: String? = nil,
        selectedRecommender: String = "", check: Bool = false
    ) async throws -> ApplicationPage {
        let user = try req.requireUser()
        let dto = try await ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig).dto(
            application)
        let call = try await application.callDefinition(on: req.db)
        guard let organization = try await application.organization(on: req.db) else {
            throw AppError.notFound("申报单位")
        }
        let recommenders =
            ApplicationAccess.isOwner(user, application) && Workflow.isEditable(application.status)
            ? try await RecommenderChoice.allowed(for: organization.requireID(), on: req.db, now: req.now) : []
        var page = ApplicationPage(
            dto: dto, call: call, organization: organization, recommenders: recommenders, extraProblems: extraProblems,
            flash: flash, maxAttachmentMB: config.maxAttachmentBytes / 1024 / 1024,
            selectedRecommender: selectedRecommender.isEmpty
                ? (dto.recommenderId?.uuidString ?? "") : selectedRecommender,
            check: check, formChangedAt: application.formChangedAt,
            showSteps: ApplicationAccess.isOwner(user, application))
        try await ChainPanel.fill(
            &page, application: application, user: user, call: call, organization: organization, now: req.now,
            on: req.db)
        let review = try await DocumentBuilder(db: req.db, store: nil).reviewBoxes(for: application)
        page.reviewOpinions = review.opinions.map {
            ApplicationPage.ReviewOpinionLine(organization: $0.organization, decision: $0.decision, comment: $0.comment)
        }
        page.provinceDecision = review.provinceDecision ?? ""
        page.disbursements = try await DisbursementPanel.load(application, user: user, now: req.now, on: req.db)
        page.agreement = try await AgreementPanel.load(application, user: user, on: req.db)
        page.changes = try await ChangeRequestPanel.load(
            application, user: user, maxEvidenceBytes: config.maxAttachmentBytes, on: req.db)
        page.reports = try await ReportPanel.load(
            application, user: user, now: req.now, maxEvidenceBytes: config.maxAttachmentBytes, on: req.db)
        if ApplicationAccess.isOwner(user, application) {
            page.materials = call.materialsInstructions(
                folderName: CallDefinition.folderName(
                    organization: page.organizationName, project: page.projectName))
        }
        return page
    }

    func printView(req: Request) async throws -> View {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await req.view.render(
            Template.applicationsPrint.rawValue, ["page": try await pageModel(req, application)])
    }

    /// Saves the whole page (the button, without JavaScript) and shows the form again; 检查 saves
    /// too and then shows every problem beside its field.
    func save(req: Request) async throws -> Response {
        let (application, problems) = try await savePage(req)
        let check = (try? req.content.get(String.self, at: "check")) == "1"
        if problems.isEmpty {
            let id = try application.requireID().uuidString
            return req.redirect(to: check ? "/applications/\(id)?check=1#problems" : "/applications/\(id)?done=saved")
        }
        return try await render(req, application, extraProblems: problems, check: check, status: .unprocessableEntity)
    }

    struct AutosaveResult: Content {
        var version: Int
        var savedAt: String
        var requestedWan: String
        var problems: [Problem]
        /// The same problems with the element each one's summary link leads to.
        var links: [ApplicationGuidance.ProblemLink]
    }

    /// The page's script posts the same form every few seconds while the user types.
    func autosave(req: Request) async throws -> AutosaveResult {
        let (application, pageProblems) = try await savePage(req)
        // Every few seconds while someone types: only the problems, not the whole application.
        let service = ApplicationService(db: req.db, user: try req.requireUser(), config: req.application.shenbaoConfig)
        let attachments = try await application.attachments(on: req.db)
        let problems = pageProblems + (try await service.problems(of: application, attachments))
        return AutosaveResult(
            version: application.version, savedAt: ChineseFormat.time(req.now),
            requestedWan: application.form.requestedYuan.map(ChineseFormat.wan) ?? "0", problems: problems,
            links: problems.map {
                .init(
                    field: $0.field, code: $0.code, message: $0.message,
                    anchor: ApplicationGuidance.anchor(for: $0.field))
            })
    }

    private func savePage(_ req: Request) async throws -> (ApplicationModel, [Problem]) {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let posted = try req.content.decode(ApplicationPageForm.self)
        var (form, problems) = posted.converted(category: application.category)
        let questions = try await application.callDefinition(on: req.db).questions ?? []
        if !questions.isEmpty {
            let (answers, unreadable) = QuestionRow.answers(
                texts: posted.answers ?? [:], choices: posted.answerChoices ?? [:], questions: questions,
                category: application.category)
            form.answers = answers.isEmpty ? nil : answers
            problems += unreadable
        }
        try await ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig).replace(
            application, with: form, expectedVersion: posted.version)
        return (application, problems)
    }

    func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try MultipartForm.of(req)
        let file = form.upload("file")
        do {
            _ = try await AttachmentService(db: req.db, user: user, config: config).upload(
                to: application, kind: form.text("kind"), condition: form.text("condition"), name: file.name,
                data: file.data)
        } catch let error as AppError where !error.problems.isEmpty {
            let problems = error.problems.map {
                Problem(field: "attachments_upload", code: $0.code, message: $0.message)
            }
            return try await render(req, application, extraProblems: problems, status: .unprocessableEntity)
        }
        return req.redirect(to: "/applications/\(try application.requireID().uuidString)?done=uploaded#attachments")
    }

    func deleteAttachment(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        try await AttachmentService(db: req.db, user: user, config: config)
            .delete(req.parameters.get("attachmentId"), from: application)
        return req.redirect(to: "/applications/\(try application.requireID().uuidString)?done=deleted#attachments")
    }

    struct SubmitForm: Content {
        var recommenderId: String?
    }

    func submit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(SubmitForm.self)
        do {
            try await ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig).submit(
                application, recommenderID: form.recommenderId, now: req.now)
        } catch let error as AppError where !error.problems.isEmpty {
            // A submit attempt shows every problem beside its field, as 检查 does.
            return try await render(
                req, application, extraProblems: error.problems.filter { $0.field == "recommenderId" },
                selectedRecommender: form.recommenderId ?? "", check: true, status: .unprocessableEntity)
        }
        return req.redirect(to: "/applications/\(try application.requireID().uuidString)?done=submitted")
    }

    struct WithdrawForm: Content {
        var comment: String?
    }

    func withdraw(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try? req.content.decode(WithdrawForm.self)
        try await ApplicationService(db: req.db, user: user, config: req.application.shenbaoConfig).withdraw(
            application, comment: form?.comment)
        return req.redirect(to: "/applications/\(try application.requireID().uuidString)?done=withdrawn")
    }
}
