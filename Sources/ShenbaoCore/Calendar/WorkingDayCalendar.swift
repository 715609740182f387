import Foundation

/// China's official working-day calendar: weekends are days off and weekdays working days,
/// except the public holidays and the adjusted working days (调休上班) of the State Council's
/// notice for each year, kept as data (`holidays-cn.json`, its sources named in the file), and
/// any extra closures the province adds. A year without data is an error, never a guess: a
/// notice period computed on a wrong calendar would be unlawful.
public struct WorkingDayCalendar: Sendable {
    /// One year of the State Council's arrangement, as the data file holds it.
    public struct Year: Codable, Sendable, Equatable {
        public var source: [String]
        /// Public holidays, including the weekend days inside them.
        public var offDays: [Day]
        /// Weekend days that are working days (调休上班).
        public var workdays: [Day]
        /// The holiday each listed day belongs to (春节, 国庆节、中秋节…).
        public var names: [String: String]

        public init(source: [String], offDays: [Day], workdays: [Day], names: [String: String]) {
            self.source = source
            self.offDays = offDays
            self.workdays = workdays
            self.names = names
        }
    }

    /// Why a day is or is not a working day, for the pages that explain a computed date.
    public enum Kind: Equatable, Sendable {
        case workingDay
        case weekend
        case holiday(String)
        case adjustedWorkingDay(String)
        case closure(String)

        public var isWorkingDay: Bool {
            switch self {
            case .workingDay, .adjustedWorkingDay: true
            case .weekend, .holiday, .closure: false
            }
        }

        public var label: String {
            switch self {
            case .workingDay: "工作日"
            case .weekend: "周末"
            case .holiday(let name): "\(name)假期"
            case .adjustedWorkingDay(let name): "\(name)调休上班"
            case .closure(let reason): "停止办公（\(reason)）"
            }
        }
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The State Council's arrangement for this year is not in the data.
        case noData(year: Int)
        case invalidCount(Int)

        public var description: String {
            switch self {
            case .noData(let year):
                "尚无\(year)年的法定节假日安排数据，无法计算工作日；请在国务院办公厅公布该年安排后补充"
            case .invalidCount: "工作日天数应为 1 至 60 之间的整数"
            }
        }
    }

    /// The bundled data. An unreadable file gives an empty calendar, which refuses every date;
    /// the tests check the years it holds, so a packaging mistake fails there.
    public static let china: WorkingDayCalendar = {
        guard let url = Bundle.module.url(forResource: "holidays-cn", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let years = try? JSONDecoder().decode([String: Year].self, from: data)
        else { return WorkingDayCalendar(years: [:]) }
        return WorkingDayCalendar(
            years: Dictionary(
                uniqueKeysWithValues: years.compactMap { key, value in
                    Int(key).map { ($0, value) }
                }))
    }()

    public let years: [Int: Year]
    /// Extra days the province's offices are closed, with the reason.
    public let closures: [Day: String]
    private let offDays: [Day: String]
    private let workdays: [Day: String]

    public init(years: [Int: Year], closures: [Day: String] = [:]) {
        self.years = years
        self.closures = closures
        var offDays: [Day: String] = [:]
        var workdays: [Day: String] = [:]
        for year in years.values {
            for day in year.offDays { offDays[day] = year.names[day.description] ?? "法定节假日" }
            for day in year.workdays { workdays[day] = year.names[day.description] ?? "法定节假日" }
        }
        self.offDays = offDays
        self.workdays = workdays
    }

    /// The same calendar with years the province entered (`CalendarYearForm`); a year already
    /// here (the bundled data) stays as it is.
    public func adding(years extra: [Int: Year]) -> WorkingDayCalendar {
        WorkingDayCalendar(years: years.merging(extra) { bundled, _ in bundled }, closures: closures)
    }

    /// The same calendar with the province's closures.
    public func adding(closures extra: [Day: String]) -> WorkingDayCalendar {
        WorkingDayCalendar(years: years, closures: closures.merging(extra) { _, new in new })
    }

    public func kind(of day: Day) throws(Failure) -> Kind {
        guard years[day.year] != nil else { throw .noData(year: day.year) }
        if let reason = closures[day] { return .closure(reason) }
        if let name = offDays[day] { return .holiday(name) }
        if let name = workdays[day] { return .adjustedWorkingDay(name) }
        return day.isWeekend ? .weekend : .workingDay
    }

    public func isWorkingDay(_ day: Day) throws(Failure) -> Bool {
        try kind(of: day).isWorkingDay
    }

    /// The `count`-th working day from `start`, counting `start` as day 1 when it is a working
    /// day (a notice starting on Friday 2025-09-26 runs 5 working days to 2025-10-09, across
    /// the National Day holiday and the Sunday worked before it).
    public func addWorkingDays(_ start: Day, _ count: Int) throws(Failure) -> Day {
        guard (1...60).contains(count) else { throw .invalidCount(count) }
        var day = start
        var counted = 0
        while true {
            if try isWorkingDay(day) {
                counted += 1
                if counted == count { return day }
            }
            day = day.next
        }
    }

    /// Every day from `start` to `end` inclusive with its kind, for the notice page's explanation.
    public func days(from start: Day, through end: Day) throws(Failure) -> [(day: Day, kind: Kind)] {
        var result: [(day: Day, kind: Kind)] = []
        var day = start
        while day <= end {
            result.append((day: day, kind: try kind(of: day)))
            day = day.next
        }
        return result
    }
}
