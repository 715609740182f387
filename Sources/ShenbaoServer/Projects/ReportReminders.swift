import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Reminders of the funded projects' reports (issue 30 item 6): a report due within seven days
/// and a report overdue (its due day passed, or the rectification deadline of a project that
/// failed acceptance) each tell the unit once per due day, in the system and by e-mail when mail
/// is configured (`Notifier`). The marks sent are kept on the report's row (`remindedDueOn`,
/// `remindedOverdueOn`); a report never saved gets its row, as an empty draft, with its first
/// mark. The server runs this at start and every hour (`ReportReminderLifecycle`); several
/// instances may: each report is judged again under its project's lock before anything is sent.
enum ReportReminders {
    /// The projects whose reports are still expected: running, in acceptance, or rectifying. An
    /// accepted or closed project is not reminded of anything.
    static let statuses = Array(ApplicationStatus.reportable)

    /// One report of a running project, as the reminders and the 工作台 see it.
    struct Entry {
        var application: ApplicationModel
        var definition: ReportDefinition
        var status: Report.Status
        var due: Day
        /// The due day is the province's rectification deadline (整改期限).
        var rectification: Bool
        var remindedDueOn: String?
        var remindedOverdueOn: String?
    }

    struct Sent: Equatable {
        var applicationID: UUID
        var code: String
        var kind: ReportReminder.Kind
    }

    /// The due day of `definition` for `application`: its scheduled day, or, for the final report
    /// of a project that failed acceptance, the deadline of the failed acceptance.
    static func due(_ definition: ReportDefinition, of application: ApplicationModel, rectifyBy: String?) -> (
        Day?, rectification: Bool
    ) {
        let deadline =
            application.status == .acceptanceFailed && definition.kind == .final ? rectifyBy.flatMap(Day.init) : nil
        let day = ReportReminder.effectiveDue(
            scheduled: definition.due(for: application.form.period), rectifyBy: deadline)
        return (day, deadline != nil)
    }

    /// The latest failed acceptance's deadline of each project (they are read a batch at a time).
    static func rectificationDeadlines(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var deadlines: [UUID: String] = [:]
        for decision in try await AcceptanceModel.query(on: db).filter(\.$application.$id ~~ ids)
            .sort(\.$decidedAt).all()
        {
            // The newest decision wins: a later pass (or one without a deadline) clears it.
            deadlines[decision.$application.id] = decision.passed ? nil : decision.rectifyBy
        }
        return deadlines
    }

    /// Every report of the running projects (of one call, or all) whose due day is known.
    static func entries(call callID: UUID?, on db: any Database) async throws -> [Entry] {
        var query = ApplicationModel.query(on: db).filter(\.$status ~~ statuses)
        if let callID { query = query.filter(\.$call.$id == callID) }
        let projects = try await query.sort(\.$number).all()
        let ids = projects.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        var reports: [UUID: [String: ReportModel]] = [:]
        for report in try await ReportModel.query(on: db).filter(\.$application.$id ~~ ids).all() {
            reports[report.$application.id, default: [:]][report.code] = report
        }
        let failed = projects.filter { $0.status == .acceptanceFailed }.compactMap(\.id)
        let deadlines = try await rectificationDeadlines(failed, on: db)
        var definitions: [UUID: [ReportDefinition]] = [:]
        var entries: [Entry] = []
        for project in projects {
            guard let id = project.id else { continue }
            let callID = project.$call.id
            if definitions[callID] == nil {
                definitions[callID] = try await CallDefinitionCache.definition(of: callID, on: db).projectReports
            }
            for definition in definitions[callID] ?? [] {
                let (day, rectification) = due(definition, of: project, rectifyBy: deadlines[id])
                guard let day else { continue }
                let report = reports[id]?[definition.code]
                entries.append(
                    Entry(
                        application: project, definition: definition, status: report?.status ?? .draft, due: day,
                        rectification: rectification, remindedDueOn: report?.remindedDueOn,
                        remindedOverdueOn: report?.remindedOverdueOn))
            }
        }
        return entries
    }

    /// Sends the reminders due `today` and returns them. A project that cannot be reminded now
    /// (a failure of its own) is logged and left for the next run; the others go on.
    @discardableResult
    static func run(db: any Database, config: Config, today: Day, logger: Logger? = nil) async throws -> [Sent] {
        var sent: [Sent] = []
        for entry in try await entries(call: nil, on: db) {
            guard
                ReportReminder.due(
                    on: entry.due, status: entry.status, today: today, remindedDueOn: entry.remindedDueOn,
                    remindedOverdueOn: entry.remindedOverdueOn) != nil,
                let id = entry.application.id
            else { continue }
            do {
                if let kind = try await remind(id, definition: entry.definition, db: db, config: config, today: today) {
                    sent.append(Sent(applicationID: id, code: entry.definition.code, kind: kind))
                }
            } catch {
                logger?.warning(
                    "报告提醒失败（\(entry.application.number ?? id.uuidString)，\(entry.definition.title)）：\(error)")
            }
        }
        return sent
    }

    /// One report's reminder, judged again under the project's lock as it is now: the mark and the
    /// notice in one transaction, so a second run (or another instance) finds it sent.
    static func remind(
        _ applicationID: UUID, definition: ReportDefinition, db: any Database, config: Config, today: Day
    )
        async throws -> ReportReminder.Kind?
    {
        let now = config.now
        return try await db.transaction { db -> ReportReminder.Kind? in
            try await TransactionLock.hold("reports:\(applicationID)", on: db)
            guard let application = try await ApplicationModel.find(applicationID, on: db),
                statuses.contains(application.status)
            else { return nil }
            let found = try await ReportModel.query(on: db).filter(\.$application.$id == applicationID)
                .filter(\.$code == definition.code).first()
            let deadline =
                application.status == .acceptanceFailed
                ? try await rectificationDeadlines([applicationID], on: db)[applicationID] : nil
            let (day, rectification) = due(definition, of: application, rectifyBy: deadline)
            guard let day,
                let kind = ReportReminder.due(
                    on: day, status: found?.status ?? .draft, today: today, remindedDueOn: found?.remindedDueOn,
                    remindedOverdueOn: found?.remindedOverdueOn)
            else { return nil }
            let report = found ?? ReportModel()
            if found == nil {
                // The unit's first save finds this empty draft and goes on from version 0, as the
                // page it opened expects.
                report.$application.id = applicationID
                report.code = definition.code
                report.status = .draft
                report.answers = [:]
                report.accounts = []
                report.version = 0
                report.createdAt = now
            }
            switch kind {
            case .dueSoon: report.remindedDueOn = day.description
            case .overdue: report.remindedOverdueOn = day.description
            }
            try await report.save(on: db)
            let (title, body) = message(
                kind, report: definition.title, project: application.projectName ?? "", due: day,
                rectification: rectification, today: today)
            try await Notifier(db: db, config: config).notify(
                organization: application.$organization.id, title: title, body: body, application: application)
            return kind
        }
    }

    /// The notice's title (it names the report) and text.
    static func message(
        _ kind: ReportReminder.Kind, report: String, project: String, due: Day, rectification: Bool, today: Day
    ) -> (String, String) {
        let left = ReportReminder.daysLeft(until: due, today: today)
        let deadline = rectification ? "整改期限为\(due.chinese)，请在此前修改\(report)并重新提交" : "\(report)应于\(due.chinese)前提交"
        switch kind {
        case .dueSoon:
            let when = left == 0 ? "今天到期" : "还有\(left)天到期"
            return (
                left == 0 ? "\(report)今天到期" : "\(report)将于\(due.chinese)到期",
                "项目“\(project)”的\(deadline)，\(when)。请按时填写并提交。"
            )
        case .overdue:
            return (
                "\(report)已逾期",
                "项目“\(project)”的\(deadline)，现已逾期\(-left)天。请尽快填写并提交；如有困难，请与省科协联系。"
            )
        }
    }
}

/// Runs the reminders while the server runs: once at start, then every hour, by the
/// application's clock. Only `serve` runs it (Entrypoint): not `migrate`, `restore` and the other
/// commands, nor the tests, which call `ReportReminders.run` with the day they mean.
struct ReportReminderLifecycle: LifecycleHandler {
    static let interval: Duration = .seconds(3600)

    func didBootAsync(_ application: Application) async throws {
        let db = application.db
        let logger = application.logger
        let config = application.shenbaoConfig
        application.reportReminderTask.task = Task.detached {
            while !Task.isCancelled {
                do {
                    let sent = try await ReportReminders.run(
                        db: db, config: config, today: ChineseFormat.today(config.now), logger: logger)
                    if !sent.isEmpty { logger.info("已发送报告提醒 \(sent.count) 条") }
                } catch {
                    logger.warning("报告提醒处理失败：\(error)")
                }
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        application.reportReminderTask.task?.cancel()
    }
}

extension Application {
    private struct ReportReminderTaskKey: StorageKey { typealias Value = MailTaskBox }

    var reportReminderTask: MailTaskBox {
        if let box = storage[ReportReminderTaskKey.self] { return box }
        let box = MailTaskBox()
        storage[ReportReminderTaskKey.self] = box
        return box
    }
}
