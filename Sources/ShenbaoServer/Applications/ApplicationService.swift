import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// What an applicant does to an application, for the API and the pages alike. Each write, its
/// history event and the version bump commit in one transaction.
struct ApplicationService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config

    /// A new draft of `category` in the call, owned by the user's organisation.
    func create(callID raw: String?, category raw2: String?) async throws -> ApplicationModel {
        guard user.role == .applicant, let organizationID = user.organizationID else { throw AppError.forbidden }
        var problems: [Problem] = []
        var call: CallModel?
        if let raw, !raw.isEmpty {
            call = try await CallQuery.lookup(raw, on: db)
        } else {
            call = try await CallModel.latest(on: db)
        }
        if call == nil {
            problems.append(Problem(field: "callId", code: .notFound, message: "未找到该年度申报指南"))
        }
        let category = raw2.flatMap(ShenbaoCore.Category.init(rawValue:))
        if category == nil {
            problems.append(
                Problem(
                    field: "category", code: raw2 == nil ? .required : .invalidValue,
                    message: "请选择项目类别：conference（国际科技交流会议项目）或 cooperation（国际合作项目）"))
        }
        guard problems.isEmpty, let call, let category else { throw AppError.validation(problems) }
        guard call.phase == .open else {
            throw AppError(
                status: .conflict, code: .callClosed, message: "\(call.programme)当前为“\(call.phase.label)”阶段，不能新建申报书")
        }
        let application = ApplicationModel(
            callID: try call.requireID(), category: category, organizationID: organizationID, createdBy: user.id)
        if let organization = try await OrganizationModel.find(organizationID, on: db) {
            application.divisionCode = organization.divisionCode
            // The cover's contact starts as the registered contact person; the applicant may change it.
            application.form.contactName = user.contactName
            application.form.contactPhone = try await UserModel.find(user.id, on: db)?.phone ?? organization.phone
        }
        let limit = config.maxDraftsPerOrganization
        try await db.transaction { db in
            // Counted and written under one lock, so parallel clicks cannot all pass the count.
            try await TransactionLock.hold("drafts:\(organizationID)", on: db)
            let drafts = try await ApplicationModel.query(on: db).filter(\.$organization.$id == organizationID)
                .filter(\.$status == .draft).count()
            guard drafts < limit else {
                throw AppError(
                    status: .conflict, code: .tooManyDrafts,
                    message: "本单位已有\(drafts)份未提交的申报书（最多\(limit)份）。请在“我的申报”中继续填写已有草稿，不需要的可以撤回")
            }
            try await application.create(on: db)
            try await ApplicationEventModel.append(
                to: try application.requireID(), actor: user, action: .create, from: nil, to: .draft, at: config.now,
                on: db)
        }
        return application
    }

    /// The DTO with everything a reader needs, `problems` included.
    /// `holder`: the organisation now holding it when the caller has it at hand (a submit's
    /// recommender), instead of reading it again.
    func dto(_ application: ApplicationModel, holder known: OrganizationModel? = nil) async throws -> ApplicationDTO {
        guard let organization = try await application.organization(on: db) else {
            throw AppError.notFound("申报单位")
        }
        var holder = known
        if holder?.id != application.$holder.id {
            holder = try await application.$holder.id.asyncFlatMap { try await OrganizationModel.find($0, on: db) }
        }
        let attachments = try await application.attachments(on: db)
        let problems = Workflow.isEditable(application.status) ? try await problems(of: application, attachments) : []
        var dto = try ApplicationDTO(
            application, organization: organization, holder: holder, attachments: attachments, problems: problems)
        // The applicant's avoidance requests (申请回避) are for the province: an expert never reads
        // whom the applicant asked to avoid. Every page and answer an expert gets is built here.
        if user.role == .expert { dto.form = dto.form.withoutAvoidances }
        // A draft has never reached intake: no query on the autosave path.
        if application.status != .draft, let receipt = try await Self.paperReceipt(of: application, on: db) {
            dto.paperReceipt = ApplicationDTO.Paper(
                receipt, requirements: try await application.callDefinition(on: db).submission)
        }
        return dto
    }

    /// The paper of the latest intake that counted it (a resubmission is counted again).
    static func paperReceipt(of application: ApplicationModel, on db: any Database) async throws -> PaperReceipt? {
        let opinion = try await OpinionModel.query(on: db).filter(\.$application.$id == application.requireID())
            .filter(\.$stage == .province).sort(\.$createdAt, .descending).all()
            .first {
                $0.paperCopiesReceived != nil || $0.certificatesReceived != nil || $0.paperCopiesReceivedOn != nil
            }
        return opinion?.paperReceipt
    }

    func problems(of application: ApplicationModel, _ attachments: [AttachmentModel]) async throws -> [Problem] {
        let call = try await application.callDefinition(on: db)
        return ApplicationRules.problems(
            in: application.form, category: application.category, call: call, attachments: attachments.map(\.fact))
    }

    /// Replaces the fields sent; only the owner, only while a draft. Answers the form's JSON
    /// as stored (ApplicationDTO.response(formJSON:)).
    func update(_ application: ApplicationModel, with body: Data, expectedVersion: Int? = nil) async throws -> Data {
        try ensureEditable(application, expectedVersion: expectedVersion)
        var form = try FormPatch.apply(body, to: application.form)
        form.commitment = commitment(old: application.form.commitment, new: form.commitment)
        return try await save(application, form: form)
    }

    /// Replaces the whole form (the page's "保存" without JavaScript).
    func replace(_ application: ApplicationModel, with new: ApplicationForm, expectedVersion: Int? = nil) async throws {
        try ensureEditable(application, expectedVersion: expectedVersion)
        var form = new
        form.commitment = commitment(old: application.form.commitment, new: form.commitment)
        try await save(application, form: form)
    }

    private func ensureEditable(_ application: ApplicationModel, expectedVersion: Int?) throws {
        guard Workflow.isEditable(application.status) else {
            throw AppError(
                status: .conflict, code: .notEditable,
                message: "申报书当前状态为“\(application.status.label)”，不能再修改。如需修改，请联系推荐单位退回")
        }
        if let expectedVersion, expectedVersion != application.version {
            throw AppError(
                status: .conflict, code: .versionConflict,
                message: "申报书已在其他窗口或设备上修改过。请刷新页面，核对后再保存")
        }
    }

    /// One conditional UPDATE: the form, its filter column and the version move on together only
    /// if nobody else wrote since the form was read (409 otherwise). A single statement is its own
    /// transaction, and on SQLite it holds the one write lane for one round trip instead of four.
    /// It also returns when the organisation and the call last changed, so an answer built from a
    /// kept copy (DraftCache) shows them as they are now.
    @discardableResult
    private func save(_ application: ApplicationModel, form: ApplicationForm) async throws -> Data {
        let tooLarge = ApplicationRules.draftProblems(form)
        if !tooLarge.isEmpty { throw AppError.validation(tooLarge) }
        let previous = application.version
        // Only a different form moves the stamp the signed scan is compared with.
        let formChanged = application.form != form
        application.form = form
        application.indexForm()
        let now = config.now
        // Encoded once, for the column and for the answer: each encoding was a twentieth of a save.
        let json = try JSONEncoder().encode(form)
        let sql = try StaticSelect.sql(db)
        // SQLite keeps the form as JSON text; PostgreSQL's jsonb wants the value for its own encoder.
        let column: any Encodable & Sendable =
            sql.dialect.name == "sqlite" ? String(decoding: json, as: UTF8.self) : form
        let row = try await VersionClaim.claim(
            ApplicationModel.schema, id: application.requireID(), previousVersion: previous, on: db,
            message: Self.raceMessage, returning: Self.changeStamps
        ) {
            let update = $0.set("form", to: column).set("fields_index", to: application.fieldsIndex)
                .set("project_name", to: application.projectName).set("requested_yuan", to: application.requestedYuan)
                .set("updated_at", to: now)
            return formChanged ? update.set("form_changed_at", to: now) : update
        }
        application.version = previous + 1
        application.updatedAt = now
        if formChanged { application.formChangedAt = now }
        try await refresh(
            application, organizationChanged: row.decodeIfPresent(column: "organization_stamp", as: Date.self),
            callChanged: row.decodeIfPresent(column: "call_stamp", as: Date.self))
        return json
    }

    private static let changeStamps =
        #"(SELECT "updated_at" FROM "organizations" WHERE "organizations"."id" = "applications"."organization_id") AS "organization_stamp", "#
        + #"(SELECT "updated_at" FROM "calls" WHERE "calls"."id" = "applications"."call_id") AS "call_stamp""#

    /// Reads the organisation again if it changed since the application was read (the call's
    /// guide follows its stamp by itself, CallDefinitionCache).
    private func refresh(_ application: ApplicationModel, organizationChanged: Date?, callChanged: Date?) async throws {
        if let organization = application.loadedOrganization, organization.updatedAt != organizationChanged {
            application.loadedOrganization = try await OrganizationModel.find(application.$organization.id, on: db)
        }
        if application.loadedCallStamp != nil { application.loadedCallStamp = .some(callChanged) }
    }

    /// Moves the version on from `previousVersion`, or fails with 409 when another writer did
    /// first: the database settles a race between two tabs, or a submit and an autosave.
    static func claim(_ application: ApplicationModel, previousVersion: Int, on db: any Database) async throws {
        try await VersionClaim.claim(
            ApplicationModel.schema, id: application.requireID(), previousVersion: previousVersion, on: db,
            message: raceMessage)
    }

    static let raceMessage = "申报书刚刚在其他窗口或设备上被修改过。请刷新页面，核对后再操作"

    /// Who accepted the commitment and when is recorded by the server, never taken from a client.
    private func commitment(old: Commitment?, new: Commitment?) -> Commitment? {
        guard new?.accepted == true else { return new.map { _ in Commitment(accepted: false) } }
        if old?.accepted == true, old?.acceptedBy != nil { return old }
        return Commitment(accepted: true, acceptedBy: user.contactName, acceptedAt: ChineseFormat.iso(config.now))
    }

    /// Submits to a recommender: every rule of the form and of the route, then the state change,
    /// the organisation's snapshot and the event, in one transaction. Answers the recommender,
    /// who now holds the application.
    @discardableResult
    func submit(_ application: ApplicationModel, recommenderID raw: String?, now: Date) async throws
        -> OrganizationModel
    {
        // Only a draft is submitted: refused before any other check.
        _ = try Self.workflow(.submit, application.status, user.role)
        // Nothing is submitted after the deadline (the guide's rule), except an application
        // returned for revision within its 补正 period, while the call is open or in its intake
        // (CorrectionPeriod): later, nothing resubmitted could reach the province's intake.
        // Only what the check needs: the call's 13 KB guide is not decoded for it.
        let call = try await CorrectionReturn.call(of: application, on: db)
        if let call,
            let refusal = CorrectionPeriod.submission(
                phase: call.phase, deadlinePassed: call.deadline.map { now >= $0 } ?? false,
                correctionEndsOn: application.correctionEndsOn.flatMap(Day.init), today: ChineseFormat.today(now)
            ).refusal(deadline: call.deadline.map(ChineseFormat.dateTime), programme: call.programme, phase: call.phase)
        {
            throw AppError.conflict(refusal.message, code: refusal.code)
        }
        var problems = try await self.problems(
            of: application,
            application.attachments(on: db))
        let organization = try await application.organization(on: db)
        let recommender = try await raw.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await OrganizationModel.find($0, on: db)
        }
        if let facts = recommender?.recommenderFacts {
            problems += RecommendationRoute.problems(
                applicant: ApplicantFacts(
                    divisionCode: organization?.divisionCode, applicantKind: organization?.applicantKind),
                recommender: facts, today: ChineseFormat.today(now), divisions: .hunan)
        } else {
            problems.append(
                Problem(
                    field: "recommenderId", code: raw == nil || raw?.isEmpty == true ? .required : .notFound,
                    message: "请选择推荐单位（县市区科协、市州科协、省级学会或全国学会等）"))
        }
        guard problems.isEmpty, let recommender, let organization else { throw AppError.validation(problems) }

        let change = try StatusChange(application, .submit, by: user.role)
        application.$recommender.id = try recommender.requireID()
        application.$holder.id = try recommender.requireID()
        application.organizationSnapshot = organization.form
        application.divisionCode = organization.divisionCode
        application.submittedAt = now
        let name = application.form.projectName ?? "申报书"
        try await transition(
            change, comment: nil, numberYear: call?.year,
            announce: (
                recommender.id, "待审核：\(name)", "\(organization.name)提交了“\(name)”，请审核并提出推荐意见。"
            ))
        return recommender
    }

    /// Withdraws the application (before the province accepts it).
    func withdraw(_ application: ApplicationModel, comment: String?) async throws {
        let holder = application.$holder.id
        let change = try StatusChange(application, .withdraw, by: user.role)
        application.$holder.id = nil
        let name = application.form.projectName ?? "申报书"
        try await transition(
            change, comment: comment,
            announce: (holder, "申报单位已撤回：\(name)", "申报单位撤回了“\(name)”，无需再办理。"))
    }

    /// Saves a status change if nobody changed the application meanwhile, with its event.
    private func transition(
        _ change: StatusChange, comment: String?, numberYear: Int? = nil,
        announce: (organization: UUID?, title: String, body: String)?
    ) async throws {
        let config = config
        let application = change.application
        // The applicant acts for the organisation read with the application: its name for the
        // history is at hand, not another query.
        let actorOrganization =
            user.organizationID == application.$organization.id ? try await application.organization(on: db)?.name : nil
        try await db.transaction { db in
            try await change.commit(
                by: user, comment: comment, organizationName: actorOrganization, at: config.now, on: db
            ) { db in
                if let numberYear { try await ApplicationNumbering.assign(to: application, year: numberYear, on: db) }
            }
            if let announce {
                try await Notifier(db: db, config: config).notify(
                    organization: announce.organization, title: announce.title, body: announce.body,
                    application: application)
            }
        }
    }

    /// Asks the one transition table; a refusal becomes a 409 with its Chinese reason.
    static func workflow(_ action: WorkflowAction, _ status: ApplicationStatus, _ role: Role) throws
        -> ApplicationStatus
    {
        do {
            return try Workflow.apply(action, to: status, by: role)
        } catch {
            throw AppError(status: .conflict, code: error.code, message: error.message)
        }
    }
}
