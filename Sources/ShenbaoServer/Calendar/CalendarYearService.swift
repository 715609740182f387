import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province enters a new year's holiday arrangement (国务院办公厅节假日安排通知) and may correct
/// it until a date counted with it is stored: a notice period or a 补正 period reaching into the
/// year. From then on the counted dates stand, so the arrangement does too.
struct CalendarYearService {
    let db: any Database

    /// A year of the calendar as the API and the page show it.
    struct YearView: Content {
        var year: Int
        /// `bundled`: shipped with the system; `entered`: typed by the province.
        var origin: String
        var source: [String]
        var holidays: [CalendarYearForm.Holiday]
        var workingDays: [CalendarYearForm.AdjustedWorkingDay]
        var offDayCount: Int
        var enteredBy: String?
        var enteredAt: Date?
        /// Whether a stored notice or 补正 period already counted with it (then it is not editable).
        var inUse: Bool
    }

    func years() async throws -> [YearView] {
        var views: [YearView] = []
        for (year, arrangement) in WorkingDayCalendar.china.years.sorted(by: { $0.key < $1.key }) {
            views.append(
                YearView(
                    year: year, origin: "bundled", source: arrangement.source,
                    holidays: Self.holidays(of: arrangement), workingDays: Self.workingDays(of: arrangement),
                    offDayCount: arrangement.offDays.count, enteredBy: nil, enteredAt: nil, inUse: true))
        }
        for row in try await CalendarYearModel.query(on: db).sort(\.$year).all()
        where WorkingDayCalendar.china.years[row.year] == nil {
            views.append(
                YearView(
                    year: row.year, origin: "entered", source: row.arrangement.source,
                    holidays: row.form.holidays ?? [], workingDays: row.form.workingDays ?? [],
                    offDayCount: row.arrangement.offDays.count, enteredBy: row.enteredBy, enteredAt: row.enteredAt,
                    inUse: try await Self.inUse(row.year, on: db)))
        }
        return views
    }

    /// What the form of an entered year holds, to correct it; nil for a year not entered.
    func form(of year: Int) async throws -> CalendarYearForm? {
        try await CalendarYearModel.query(on: db).filter(\.$year == year).first()?.form
    }

    /// Enters `form`'s year or corrects it, every problem at once; one transaction with its audit line.
    func save(_ form: CalendarYearForm, by user: AuthenticatedUser, request: Request) async throws -> YearView {
        let calendar = try await OfficialCalendar.load(on: db)
        // The range first: the year before of an unchecked number could overflow.
        let previous = form.year.flatMap { CalendarYearForm.years.contains($0) ? calendar.years[$0 - 1] : nil }
        let arrangement: WorkingDayCalendar.Year
        switch form.arrangement(previous: previous, bundled: Set(WorkingDayCalendar.china.years.keys)) {
        case .success(let made): arrangement = made
        case .failure(let list): throw AppError.validation(list.problems)
        }
        guard let year = form.year else { throw AppError.validation([]) }
        return try await db.transaction { db in
            let existing = try await CalendarYearModel.query(on: db).filter(\.$year == year).first()
            if existing != nil, try await Self.inUse(year, on: db) {
                throw AppError.conflict(
                    "\(year)年的节假日安排已用于计算公示期或补正期限，不能再修改；如通知有误，请联系系统管理员", code: .calendarInUse)
            }
            let row = existing ?? CalendarYearModel()
            row.year = year
            row.form = form
            row.arrangement = arrangement
            if existing == nil {
                row.enteredBy = user.contactName
                row.enteredAt = request.now
            } else {
                row.correctedAt = request.now
            }
            try await row.save(on: db)
            try await AuditTrail.record(
                existing == nil ? .calendarYearEntered : .calendarYearCorrected, by: user,
                subject: AuditTrail.Subject(id: row.id, name: "\(year)年节假日安排"),
                detail: arrangement.source.first ?? "", request: request, on: db)
            return YearView(
                year: year, origin: "entered", source: arrangement.source, holidays: form.holidays ?? [],
                workingDays: form.workingDays ?? [], offDayCount: arrangement.offDays.count,
                enteredBy: row.enteredBy, enteredAt: row.enteredAt, inUse: false)
        }
    }

    /// A stored notice or 补正 period with a day in `year` was counted on its arrangement.
    static func inUse(_ year: Int, on db: any Database) async throws -> Bool {
        let first = "\(year)-01-01"
        let last = "\(year)-12-31"
        if try await NoticeModel.query(on: db).filter(\.$endDate >= first).filter(\.$startDate <= last).count() > 0 {
            return true
        }
        return try await ApplicationModel.query(on: db).filter(\.$correctionEndsOn >= first)
            .filter(\.$correctionEndsOn <= last).count() > 0
    }

    /// The bundled years as spans, for the page: consecutive days off of one name form a span.
    static func holidays(of year: WorkingDayCalendar.Year) -> [CalendarYearForm.Holiday] {
        var spans: [CalendarYearForm.Holiday] = []
        var last: Day?
        for day in year.offDays.sorted() {
            let name = year.names[day.description] ?? "法定节假日"
            if let previous = last, previous.next == day, spans.last?.name == name {
                spans[spans.count - 1].lastDay = day.description
            } else {
                spans.append(CalendarYearForm.Holiday(name: name, firstDay: day.description, lastDay: day.description))
            }
            last = day
        }
        return spans
    }

    static func workingDays(of year: WorkingDayCalendar.Year) -> [CalendarYearForm.AdjustedWorkingDay] {
        year.workdays.sorted().map {
            CalendarYearForm.AdjustedWorkingDay(day: $0.description, holiday: year.names[$0.description])
        }
    }
}
