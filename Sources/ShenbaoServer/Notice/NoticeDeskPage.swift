import Fluent
import Foundation
import ShenbaoCore

/// `/notice`: the province's desk for the notice — start it, see its working days, resolve
/// objections, close office days, publish the funded list.
struct NoticeDeskPage: Encodable {
    var callId: String
    var callYear: Int
    var phaseLabel: String
    var fundedCount: Int
    var workingDays: Int
    var today: String
    var notice: NoticeService.NoticeView?
    var period: String?
    var days: [NoticeAPIController.DayLine]
    var objections: [ObjectionService.ObjectionDTO]
    var openObjections: Int
    var closures: [NoticeAPIController.Closure]
    var flash: String?
    var problems: [Problem]

    /// The desk of `call` as of `now`; `flash` says what was just done, `problems` what was refused.
    static func load(
        call: CallModel, flash: String? = nil, problems: [Problem] = [], config: Config, now: Date, on db: any Database
    ) async throws -> NoticeDeskPage {
        let service = NoticeService(db: db, config: config, now: now)
        let notice = try await NoticeModel.of(call, on: db).asyncFlatMap {
            try await service.view(of: $0, call: call)
        }
        var days: [NoticeAPIController.DayLine] = []
        if let notice, let start = Day(notice.startDate), let end = Day(notice.endDate) {
            days = try await OfficialCalendar.load(on: db).days(from: start, through: end).map {
                .init(
                    date: $0.day.chinese, weekday: $0.day.chineseWeekday, workingDay: $0.kind.isWorkingDay,
                    label: $0.kind.label)
            }
        }
        let objections = try await ObjectionService(db: db, config: config, now: now).list(call: call)
        let funded = try await ApplicationModel.query(on: db).filter(\.$call.$id == call.requireID())
            .filter(\.$status == .funded).count()
        let closures = try await CalendarClosureModel.query(on: db).sort(\.$day).all().map {
            NoticeAPIController.Closure(day: $0.day, reason: $0.reason)
        }
        return NoticeDeskPage(
            callId: try call.requireID().uuidString, callYear: call.year, phaseLabel: call.phase.label,
            fundedCount: funded, workingDays: NoticeTerm.workingDays(configured: call.current.noticeWorkingDays),
            today: service.today.description,
            notice: notice, period: notice.map(NoticePublicPage.period), days: days, objections: objections,
            openObjections: objections.filter { !$0.resolved }.count,
            closures: closures, flash: flash, problems: problems)
    }
}
