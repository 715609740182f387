import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The public notice (公示) of a call's funded projects and the publication of the funded list
/// (立项名单) after it (docs/rules.md §8).
struct NoticeService {
    let db: any Database
    let config: Config
    let now: Date

    /// One project on a public list.
    struct Item: Content {
        var applicationId: UUID
        /// 申报编号.
        var applicationNumber: String
        var organization: String
        var project: String
        var category: String
        var categoryLabel: String
        var amountYuan: Int
        /// On the funded list of a call that publishes it (`publishesFinalState`): the project's
        /// status once its acceptance is decided, and its text (PublicFinalState); absent otherwise.
        var finalState: ApplicationStatus?
        var finalStateLabel: String?
    }

    /// The notice as the public reads it.
    struct NoticeView: Content {
        var callId: UUID
        var callTitle: String
        /// The programme, for the notice's title (the call's title without 申报指南).
        var programme: String
        var startDate: String
        var endDate: String
        var workingDays: Int
        /// The end of the last working day, Beijing time: objections are accepted until then.
        var objectionsUntil: String
        var acceptingObjections: Bool
        var published: Bool
        var howToObject: String
        var items: [Item]
        var totalYuan: Int
    }

    struct FundedView: Content {
        var callId: UUID
        var callTitle: String
        var programme: String
        var publishedAt: Date
        var items: [Item]
        var totalYuan: Int
        /// True when the call publishes each project's final state (验收结果); absent when it does not.
        var publishesFinalState: Bool?
    }

    var today: Day { ChineseFormat.today(now) }

    /// Starts the notice from `startDate` for the call's number of working days: the meeting's
    /// funded projects go on the list (`inNotice`), the call enters its notice phase, and the
    /// applicants and their recommenders are told.
    func start(call: CallModel, startDate raw: String?, by user: AuthenticatedUser) async throws -> NoticeModel {
        guard user.role == .province else { throw AppError.forbidden }
        let trimmed = raw?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let start = Day(trimmed) else {
            throw AppError.validation([
                Problem(
                    field: "startDate", code: trimmed.isEmpty ? .required : .invalidValue,
                    message: trimmed.isEmpty ? "请填写公示起始日期" : "公示起始日期应为 YYYY-MM-DD 格式的有效日期")
            ])
        }
        // Backdated, the notice would have run before anyone could read it.
        if let problem = NoticeTerm.startProblem(start: start, today: today) {
            throw AppError.validation([problem])
        }
        if try await NoticeModel.of(call, on: db) != nil {
            throw AppError.conflict("本年度公示已经开始，不能重复开始", code: .noticeStarted)
        }
        try PhaseGate.require(.startNotice, in: call.phase)
        let plan = try await ReviewPlanModel.query(on: db).filter(\.$call.$id == call.requireID()).first()
        guard plan?.minutesConfirmedAt != nil else {
            throw AppError.conflict("会议纪要尚未确认，不能开始公示", code: .minutesNotConfirmed)
        }
        let funded = try await ApplicationModel.query(on: db).filter(\.$call.$id == call.requireID())
            .filter(\.$status == .funded).all()
        guard !funded.isEmpty else { throw AppError.conflict("没有拟资助项目，无需公示", code: .nothingToNotice) }
        // The call's data may lengthen the notice, never shorten it below the guide's 5 days.
        let workingDays = NoticeTerm.workingDays(configured: call.current.noticeWorkingDays)
        let end = try await NoticePeriod.end(from: start, workingDays: workingDays, on: db)
        let notice = NoticeModel()
        notice.$call.id = try call.requireID()
        notice.startDate = start.description
        notice.endDate = end.description
        notice.workingDays = workingDays
        notice.startedBy = user.contactName
        notice.startedAt = now
        let period = "\(start.chinese)至\(end.chinese)（\(workingDays)个工作日）"
        try await db.transaction { db in
            try await notice.create(on: db)
            for application in funded {
                try await StatusChange(application, .startNotice, by: user.role).commit(
                    by: user, comment: "公示期\(period)", at: now, on: db)
                try await announce(
                    application, title: "项目进入公示",
                    body: "“\(application.form.projectName ?? "")”拟获资助，公示期\(period)。公示期满且无异议后正式立项。", on: db)
            }
            call.phase = .notice
            try await call.save(on: db)
        }
        return notice
    }

    /// The list under notice (or, once published, the list that was approved), with its dates.
    func notice(call: CallModel) async throws -> NoticeView {
        guard let notice = try await NoticeModel.of(call, on: db) else {
            throw AppError.notFound("\(call.programme)的公示（尚未开始公示）")
        }
        return try await view(of: notice, call: call)
    }

    func view(of notice: NoticeModel, call: CallModel) async throws -> NoticeView {
        let statuses: [ApplicationStatus] =
            notice.publishedAt == nil ? [.inNotice] : Array(ApplicationStatus.fundedProject)
        let items = try await items(call: call, statuses: statuses)
        let contact = call.current.contact
        return NoticeView(
            callId: try call.requireID(), callTitle: call.title, programme: call.programme, startDate: notice.startDate,
            endDate: notice.endDate,
            workingDays: notice.workingDays, objectionsUntil: "\(Day(notice.endDate)?.chinese ?? notice.endDate) 24:00",
            acceptingObjections: acceptsObjections(notice), published: notice.publishedAt != nil,
            howToObject:
                "对公示项目有异议的，请于公示期内以真实姓名（或单位名称）提出，写明联系电话和具体事实理由。"
                + "可在本页提交，也可联系\(contact.department)（\(contact.person)，\(contact.phone)，\(contact.email)）。"
                + "匿名或逾期提出的异议不予受理；异议人身份仅省科协可见。",
            items: items, totalYuan: items.reduce(0) { $0 + $1.amountYuan })
    }

    /// Objections are taken from the first day to the end of the last working day, Beijing time.
    func acceptsObjections(_ notice: NoticeModel) -> Bool {
        guard notice.publishedAt == nil, let start = Day(notice.startDate), let end = Day(notice.endDate) else {
            return false
        }
        return start <= today && today <= end
    }

    /// Publishes the funded list once the notice has ended and every objection is resolved: the
    /// projects still on the list are approved (立项), the call enters its published phase, and
    /// everyone whose project was reviewed hears the outcome.
    func publish(call: CallModel, by user: AuthenticatedUser) async throws -> FundedView {
        guard user.role == .province else { throw AppError.forbidden }
        guard let notice = try await NoticeModel.of(call, on: db) else {
            throw AppError.conflict("尚未开始公示，不能发布立项名单", code: .noNotice)
        }
        guard notice.publishedAt == nil else { throw AppError.conflict("立项名单已经发布", code: .alreadyPublished) }
        // The end is counted again from the start: a record shortened by hand or by an older
        // version still runs the guide's minimum before anything is published.
        guard let start = Day(notice.startDate), let recorded = Day(notice.endDate) else {
            throw AppError.conflict("公示记录的日期无效，不能发布立项名单", code: .noticeNotEnded)
        }
        let minimumEnd = try await NoticePeriod.end(
            from: start, workingDays: NoticeTerm.minimumWorkingDays, field: "startDate", on: db)
        let end = NoticeTerm.end(recorded: recorded, minimumEnd: minimumEnd)
        guard NoticeTerm.hasRun(end: end, today: today) else {
            throw AppError.conflict("公示期至\(end.chinese)结束，公示期满后才能发布立项名单", code: .noticeNotEnded)
        }
        let open = try await ObjectionModel.query(on: db).filter(\.$call.$id == call.requireID())
            .filter(\.$outcome == nil).count()
        guard open == 0 else {
            throw AppError.conflict("还有\(open)件异议尚未处理，处理完毕后才能发布立项名单", code: .objectionsOpen)
        }
        let onList = try await ApplicationModel.query(on: db).filter(\.$call.$id == call.requireID())
            .filter(\.$status == .inNotice).all()
        try await db.transaction { db in
            for application in onList {
                try await StatusChange(application, .approve, by: user.role).commit(
                    by: user, comment: "公示期满，正式立项", at: now, on: db)
                try await announce(
                    application, title: "项目已正式立项",
                    body: "“\(application.form.projectName ?? "")”公示期满，已列入\(call.programme)立项名单。", on: db)
            }
            notice.publishedAt = now
            notice.publishedBy = user.contactName
            try await notice.save(on: db)
            call.phase = .published
            try await call.save(on: db)
        }
        return try await funded(call: call)
    }

    /// The published funded list, public.
    func funded(call: CallModel) async throws -> FundedView {
        guard let notice = try await NoticeModel.of(call, on: db), let publishedAt = notice.publishedAt else {
            throw AppError.notFound("\(call.programme)的立项名单（尚未发布）")
        }
        // A project stays on the published list whatever its progress after 立项.
        let publishes = call.current.publishesFinalState == true
        let items = try await items(
            call: call, statuses: Array(ApplicationStatus.fundedProject), withFinalState: publishes)
        return FundedView(
            callId: try call.requireID(), callTitle: call.title, programme: call.programme, publishedAt: publishedAt,
            items: items,
            totalYuan: items.reduce(0) { $0 + $1.amountYuan }, publishesFinalState: publishes ? true : nil)
    }

    /// The projects in `statuses`, with the meeting's amounts, by category then amount.
    /// `withFinalState`: each project's 验收结果 (PublicFinalState), a closed one's from the status
    /// its closing left (its timeline).
    private func items(call: CallModel, statuses: [ApplicationStatus], withFinalState: Bool = false) async throws
        -> [Item]
    {
        let applications = try await ApplicationModel.query(on: db).filter(\.$call.$id == call.requireID())
            .filter(\.$status ~~ statuses).with(\.$organization).all()
        let decisions = try await MeetingDecisionModel.query(on: db).filter(\.$call.$id == call.requireID()).all()
        let amounts = Dictionary(
            decisions.map { ($0.$application.id, $0.amountYuan ?? 0) }, uniquingKeysWith: { first, _ in first })
        var closedFrom: [UUID: ApplicationStatus] = [:]
        let closed = try applications.filter { $0.status == .closed }.map { try $0.requireID() }
        if withFinalState, !closed.isEmpty {
            let closings = try await ApplicationEventModel.query(on: db).filter(\.$application.$id ~~ closed)
                .filter(\.$toStatus == ApplicationStatus.closed.rawValue).all()
            for event in closings {
                closedFrom[event.$application.id] = event.fromStatus.flatMap(ApplicationStatus.init(rawValue:))
            }
        }
        return try applications.map { application in
            let id = try application.requireID()
            let label = withFinalState ? PublicFinalState.label(application.status, closedFrom: closedFrom[id]) : nil
            return Item(
                applicationId: id, applicationNumber: application.number ?? "",
                organization: application.organizationSnapshot?.name ?? application.organization.name,
                project: application.form.projectName ?? "", category: application.category.rawValue,
                categoryLabel: FormTexts.categoryLabel(application.category),
                amountYuan: amounts[id] ?? 0, finalState: label == nil ? nil : application.status,
                finalStateLabel: label)
        }
        .sorted { ($0.category, -$0.amountYuan, $0.project) < ($1.category, -$1.amountYuan, $1.project) }
    }

    /// Tells the applicant and every recommender on its chain.
    func announce(_ application: ApplicationModel, title: String, body: String, on db: any Database) async throws {
        let notifier = Notifier(db: db, config: config)
        try await notifier.notify(
            organization: application.$organization.id, title: title, body: body, application: application)
        let recommenders = try await OpinionModel.query(on: db).filter(\.$application.$id == application.requireID())
            .filter(\.$stage == .recommender).all().map(\.$organization.id)
        for organization in Set(recommenders) {
            try await notifier.notify(organization: organization, title: title, body: body, application: application)
        }
    }
}
