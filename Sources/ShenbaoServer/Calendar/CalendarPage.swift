import Fluent
import Foundation
import ShenbaoCore

/// `/calendar`: the years the working-day calendar holds, with their source, and the form to
/// enter (or correct, until it is used) a new year's holiday arrangement from the State
/// Council's notice.
struct CalendarPage: Encodable {
    struct YearLine: Encodable {
        var year: Int
        var originLabel: String
        var sources: [SourceLine]
        var holidays: String
        var workingDays: String
        var enteredText: String?
        var editable: Bool
    }

    /// The notice's title, or its address (then a link).
    struct SourceLine: Encodable {
        var text: String
        var link: Bool
    }

    struct HolidayRow: Encodable {
        /// The row's position in the posted list; `number` the one the clerk reads.
        var index: Int
        var number: Int
        var name: String
        var firstDay: String
        var lastDay: String
        var errors: [String: String]
    }

    struct WorkingDayRow: Encodable {
        var index: Int
        var number: Int
        var day: String
        var holiday: String
        var errors: [String: String]
    }

    var years: [YearLine]
    /// The first year after those held: what the province will most likely enter next.
    var nextYear: Int
    var editing: Bool
    var form: CalendarForm
    var holidayRows: [HolidayRow]
    var workingDayRows: [WorkingDayRow]
    var holidayNames: [String]
    var errors: [String: String]
    /// Every problem at once, above the form; each is also shown beside its field.
    var problems: [Problem]
    var saved: Int?

    /// The names the State Council's notices use; a form may keep another that was typed.
    static let holidayNames = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "国庆节、中秋节"]
    static let holidayRowCount = 7
    static let workingDayRowCount = 6

    static func load(
        form given: CalendarForm?, editing: Bool, problems: [Problem] = [], saved: Int? = nil, on db: any Database
    ) async throws -> CalendarPage {
        let years = try await CalendarYearService(db: db).years()
        let nextYear = (years.map(\.year).max() ?? 2026) + 1
        let form = given ?? CalendarForm(year: String(nextYear))
        let errors = FieldErrors.make(problems)
        func rowErrors(_ prefix: String, _ keys: [String]) -> [String: String] {
            var found: [String: String] = [:]
            for key in keys { found[key] = errors["\(prefix)_\(key)"] }
            return found
        }
        let holidays = form.holidays ?? []
        let worked = form.workingDays ?? []
        return CalendarPage(
            years: years.map { year in
                YearLine(
                    year: year.year, originLabel: year.origin == "bundled" ? "随系统提供" : "省科协录入",
                    sources: year.source.map {
                        SourceLine(text: $0, link: $0.hasPrefix("https://") || $0.hasPrefix("http://"))
                    },
                    holidays: year.holidays.map { Self.span($0) }.joined(separator: "；"),
                    workingDays: year.workingDays.compactMap { entry in
                        entry.day.flatMap(Day.init).map {
                            "\($0.month)月\($0.day)日（\($0.chineseWeekday)，\(entry.holiday ?? "")）"
                        }
                    }.joined(separator: "、"),
                    enteredText: year.enteredAt.map { "\(year.enteredBy ?? "")于\(ChineseFormat.dateTime($0))录入" },
                    editable: year.origin == "entered" && !year.inUse)
            },
            nextYear: nextYear, editing: editing, form: form,
            holidayRows: (0..<max(Self.holidayRowCount, holidays.count)).map { index in
                let row = index < holidays.count ? holidays[index] : CalendarForm.HolidayRow()
                return HolidayRow(
                    index: index, number: index + 1, name: row.name ?? "", firstDay: row.firstDay ?? "",
                    lastDay: row.lastDay ?? "",
                    errors: rowErrors("holidays[\(index)]", ["name", "firstDay", "lastDay"]))
            },
            workingDayRows: (0..<max(Self.workingDayRowCount, worked.count)).map { index in
                let row = index < worked.count ? worked[index] : CalendarForm.WorkingDayRow()
                return WorkingDayRow(
                    index: index, number: index + 1, day: row.day ?? "", holiday: row.holiday ?? "",
                    errors: rowErrors("workingDays[\(index)]", ["day", "holiday"]))
            },
            holidayNames: Self.holidayNames, errors: errors, problems: problems, saved: saved)
    }

    /// 1月1日至3日 (元旦) as the notice writes a span.
    static func span(_ holiday: CalendarYearForm.Holiday) -> String {
        guard let first = holiday.firstDay.flatMap(Day.init), let last = holiday.lastDay.flatMap(Day.init) else {
            return holiday.name ?? ""
        }
        let end =
            first == last
            ? ""
            : first.month == last.month && first.year == last.year ? "至\(last.day)日" : "至\(last.month)月\(last.day)日"
        return "\(holiday.name ?? "")：\(first.month)月\(first.day)日\(end)"
    }
}

/// The page's form as posted: every value a string, rows by position (blank rows are skipped,
/// each problem still shown beside the row it belongs to).
struct CalendarForm: Codable, Sendable {
    struct HolidayRow: Codable, Sendable {
        var name: String?
        var firstDay: String?
        var lastDay: String?
    }

    struct WorkingDayRow: Codable, Sendable {
        var day: String?
        var holiday: String?
    }

    var year: String?
    var sourceTitle: String? = nil
    var sourceDate: String? = nil
    var sourceURL: String? = nil
    var holidays: [HolidayRow]? = nil
    var workingDays: [WorkingDayRow]? = nil

    private static func blank(_ values: String?...) -> Bool {
        values.allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The Core form without blank rows, and for each kept row its position on the page, so a
    /// problem of `holidays[1]` is shown beside the row the clerk filled.
    func coreForm() -> (form: CalendarYearForm, holidayRows: [Int], workingDayRows: [Int], yearProblem: Problem?) {
        let holidays = (holidays ?? []).enumerated().filter {
            !Self.blank($0.element.name, $0.element.firstDay, $0.element.lastDay)
        }
        let worked = (workingDays ?? []).enumerated().filter { !Self.blank($0.element.day, $0.element.holiday) }
        let yearText = (year ?? "").trimmingCharacters(in: .whitespaces)
        let parsed = Int(yearText)
        let yearProblem: Problem? =
            !yearText.isEmpty && parsed == nil
            ? Problem(field: "year", code: .notANumber, message: "年份应为四位数字，如\(2027)") : nil
        let form = CalendarYearForm(
            year: parsed, sourceTitle: sourceTitle, sourceDate: sourceDate, sourceURL: sourceURL,
            holidays: holidays.map {
                .init(name: $0.element.name, firstDay: $0.element.firstDay, lastDay: $0.element.lastDay)
            },
            workingDays: worked.map { .init(day: $0.element.day, holiday: $0.element.holiday) })
        return (form, holidays.map(\.offset), worked.map(\.offset), yearProblem)
    }

    /// `problems` of the Core form with their row numbers put back to the page's positions.
    static func onPage(_ problems: [Problem], holidayRows: [Int], workingDayRows: [Int]) -> [Problem] {
        problems.map { problem in
            var problem = problem
            for (prefix, rows) in [("holidays[", holidayRows), ("workingDays[", workingDayRows)]
            where problem.field.hasPrefix(prefix) {
                let rest = problem.field.dropFirst(prefix.count)
                if let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]), rows.indices.contains(index) {
                    problem.field = "\(prefix)\(rows[index])\(rest[close...])"
                }
            }
            return problem
        }
    }
}

extension CalendarForm {
    /// An entered year's form, to correct it (in an extension, so the memberwise init stays).
    init(_ form: CalendarYearForm) {
        self.init(
            year: form.year.map(String.init), sourceTitle: form.sourceTitle, sourceDate: form.sourceDate,
            sourceURL: form.sourceURL,
            holidays: form.holidays?.map { HolidayRow(name: $0.name, firstDay: $0.firstDay, lastDay: $0.lastDay) },
            workingDays: form.workingDays?.map { WorkingDayRow(day: $0.day, holiday: $0.holiday) })
    }
}
