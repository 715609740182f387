import Foundation
import Testing

@testable import ShenbaoCore

/// The State Council General Office's arrangements, written out here from the notices
/// themselves (国办发明电〔2024〕12号 for 2025, the November 2025 notice for 2026) so that the
/// bundled data file is checked against an independent copy, day by day.
private struct Arrangement {
    var holidays: [(name: String, first: String, last: String)]
    var adjustedWorkingDays: [String]
}

private let arrangements: [Int: Arrangement] = [
    2025: Arrangement(
        holidays: [
            ("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"),
            ("清明节", "2025-04-04", "2025-04-06"), ("劳动节", "2025-05-01", "2025-05-05"),
            ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
        ],
        adjustedWorkingDays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
    2026: Arrangement(
        holidays: [
            ("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"),
            ("清明节", "2026-04-04", "2026-04-06"), ("劳动节", "2026-05-01", "2026-05-05"),
            ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
            ("国庆节", "2026-10-01", "2026-10-07"),
        ],
        adjustedWorkingDays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
]

private func day(_ text: String) -> Day { Day(text)! }

@Suite("工作日日历")
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar.china

    @Test("the bundled data holds 2025 and 2026, each with its source")
    func bundledYears() {
        #expect(calendar.years.keys.sorted() == [2025, 2026])
        for year in calendar.years.values {
            #expect(year.source.allSatisfy { $0.hasPrefix("https://www.gov.cn/") })
        }
    }

    @Test(
        "every day of 2025 and 2026 is a working day exactly as the State Council's notice says",
        arguments: [2025, 2026])
    func everyDay(year: Int) throws {
        let arrangement = try #require(arrangements[year])
        var holidays: Set<Day> = []
        for holiday in arrangement.holidays {
            var current = day(holiday.first)
            while current <= day(holiday.last) {
                holidays.insert(current)
                #expect(try calendar.kind(of: current) != .workingDay, "\(current) is \(holiday.name)")
                current = current.next
            }
        }
        let adjusted = Set(arrangement.adjustedWorkingDays.map(day))
        for workday in adjusted {
            #expect(workday.isWeekend, "\(workday) is a weekend day worked")
            guard case .adjustedWorkingDay = try calendar.kind(of: workday) else {
                Issue.record("\(workday) should be 调休上班")
                continue
            }
        }
        var current = day("\(year)-01-01")
        var workingDays = 0
        while current.year == year {
            let expected = adjusted.contains(current) || (!holidays.contains(current) && !current.isWeekend)
            #expect(try calendar.isWorkingDay(current) == expected, "\(current) \(current.chineseWeekday)")
            if expected { workingDays += 1 }
            current = current.next
        }
        // Counted by hand from the notices: 104 weekend days, 18 (2025) or 19 (2026) holidays on
        // weekdays, 5 or 6 Saturdays and Sundays worked.
        #expect(workingDays == 248)
    }

    @Test("holidays are named as the notice names them")
    func names() throws {
        #expect(try calendar.kind(of: day("2025-01-29")) == .holiday("春节"))
        #expect(try calendar.kind(of: day("2025-09-28")) == .adjustedWorkingDay("国庆节、中秋节"))
        #expect(try calendar.kind(of: day("2026-10-10")) == .adjustedWorkingDay("国庆节"))
        #expect(try calendar.kind(of: day("2025-09-27")) == .weekend)
        #expect(try calendar.kind(of: day("2025-09-26")) == .workingDay)
        #expect(try calendar.kind(of: day("2025-10-03")).label == "国庆节、中秋节假期")
    }

    @Test(
        "adding working days counts the start as day 1 when it is a working day",
        arguments: [
            // The notice of the issue: Friday, the Sunday worked, Monday, Tuesday, then the 8-day holiday.
            ("2025-09-26", 5, "2025-10-09"),
            ("2025-09-26", 1, "2025-09-26"),
            // Starting on a holiday or a weekend counts from the next working day.
            ("2025-10-01", 1, "2025-10-09"),
            ("2025-10-04", 5, "2025-10-14"),
            ("2025-06-07", 5, "2025-06-13"),
            // The Spring Festival of each year, with the Saturdays worked around it.
            ("2025-01-24", 5, "2025-02-06"),
            ("2026-02-12", 5, "2026-02-25"),
            // The turn of 2025 into 2026, across 元旦 and the Sunday worked after it.
            ("2025-12-29", 5, "2026-01-05"),
            ("2025-12-31", 2, "2026-01-04"),
            // The turn of 2024 into 2025 needs 2024's data, which is not there (below); 2026's end:
            ("2026-12-25", 5, "2026-12-31"),
            // The Sunday worked before 中秋节, and the day after 国庆节 (2026 has no 8th holiday day).
            ("2026-09-18", 5, "2026-09-23"),
            ("2026-09-30", 2, "2026-10-08"),
        ])
    func adding(start: String, count: Int, end: String) throws {
        #expect(try calendar.addWorkingDays(day(start), count) == day(end))
    }

    @Test("a year without the State Council's data is an error, not a guess")
    func missingYear() {
        #expect(throws: WorkingDayCalendar.Failure.noData(year: 2027)) {
            try calendar.addWorkingDays(day("2026-12-28"), 5)
        }
        #expect(throws: WorkingDayCalendar.Failure.noData(year: 2024)) {
            try calendar.isWorkingDay(day("2024-12-31"))
        }
        #expect(WorkingDayCalendar.Failure.noData(year: 2027).description.contains("2027年"))
        #expect(throws: WorkingDayCalendar.Failure.invalidCount(0)) {
            try calendar.addWorkingDays(day("2025-09-26"), 0)
        }
    }

    @Test("a closure the province adds is not a working day and pushes the end")
    func closures() throws {
        let closed = calendar.adding(closures: [day("2025-09-29"): "办公楼停电"])
        #expect(try closed.kind(of: day("2025-09-29")) == .closure("办公楼停电"))
        #expect(try closed.addWorkingDays(day("2025-09-26"), 5) == day("2025-10-10"))
        #expect(try calendar.addWorkingDays(day("2025-09-26"), 5) == day("2025-10-09"))
    }

    @Test("day arithmetic agrees with Foundation's Gregorian calendar for 1990–2100")
    func ordinals() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let epoch = try #require(Day("1990-01-01"))
        var current = epoch
        for offset in 0..<(111 * 366) where current.year <= 2100 {
            let date = gregorian.date(byAdding: .day, value: offset, to: Date(timeIntervalSince1970: 631_152_000))!
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(current == Day(year: parts.year!, month: parts.month!, day: parts.day!))
            // Foundation: 1 = Sunday; ISO: 7 = Sunday.
            #expect(current.isoWeekday == (parts.weekday! + 5) % 7 + 1)
            #expect(Day(ordinal: current.ordinal) == current)
            current = current.next
        }
    }
}
