import Testing

@testable import ShenbaoCore

@Suite("新一年的节假日安排")
struct CalendarYearFormTests {
    typealias Holiday = CalendarYearForm.Holiday
    typealias Worked = CalendarYearForm.AdjustedWorkingDay

    static let bundled = Set(WorkingDayCalendar.china.years.keys)
    static let y2026 = WorkingDayCalendar.china.years[2026]

    /// A 2027 arrangement of the shape the State Council publishes (the real one is not out yet).
    static func form(
        year: Int? = 2027,
        holidays: [Holiday]? = [
            Holiday(name: "元旦", firstDay: "2027-01-01", lastDay: "2027-01-03"),
            Holiday(name: "春节", firstDay: "2027-02-05", lastDay: "2027-02-13"),
        ],
        workingDays: [Worked]? = [Worked(day: "2027-01-30", holiday: "春节"), Worked(day: "2027-02-20", holiday: "春节")]
    ) -> CalendarYearForm {
        CalendarYearForm(
            year: year, sourceTitle: "国务院办公厅关于2027年部分节假日安排的通知", sourceDate: "2026-11-20",
            sourceURL: "https://www.gov.cn/zhengce/content/2027.htm", holidays: holidays, workingDays: workingDays)
    }

    static func problems(_ form: CalendarYearForm) -> [String] {
        switch form.arrangement(previous: y2026, bundled: bundled) {
        case .success: []
        case .failure(let list): list.problems.map { "\($0.field):\($0.code)" }
        }
    }

    @Test(
        "a complete arrangement becomes the year's calendar: its days off, its worked weekends, their names, its source"
    )
    func complete() throws {
        let year = try Self.form().arrangement(previous: Self.y2026, bundled: Self.bundled).get()
        #expect(year.offDays.count == 3 + 9)
        #expect(year.offDays.first == Day("2027-01-01") && year.offDays.last == Day("2027-02-13"))
        #expect(year.workdays == [Day("2027-01-30"), Day("2027-02-20")].compactMap { $0 })
        #expect(year.names["2027-02-05"] == "春节" && year.names["2027-01-30"] == "春节")
        #expect(year.source == ["国务院办公厅关于2027年部分节假日安排的通知（2026年11月20日）", "https://www.gov.cn/zhengce/content/2027.htm"])

        let calendar = WorkingDayCalendar.china.adding(years: [2027: year])
        #expect(try calendar.kind(of: Day("2027-02-08")!) == .holiday("春节"))
        #expect(try calendar.kind(of: Day("2027-01-30")!) == .adjustedWorkingDay("春节"))
        // A notice started on Thursday 2026-12-31 runs 5 working days into the new year:
        // 12-31, then 1-4 … 1-7 (1-1 to 1-3 off).
        #expect(try calendar.addWorkingDays(Day("2026-12-31")!, 5) == Day("2027-01-07"))
        #expect(throws: WorkingDayCalendar.Failure.noData(year: 2027)) {
            try WorkingDayCalendar.china.addWorkingDays(Day("2026-12-31")!, 5)
        }
    }

    @Test("the bundled years stay as they are, even when a stored year claims the same number")
    func bundledStays() throws {
        #expect(Self.problems(Self.form(year: 2026)).contains("year:notEditable"))
        let fake = WorkingDayCalendar.Year(source: ["x"], offDays: [Day("2026-03-02")!], workdays: [], names: [:])
        let calendar = WorkingDayCalendar.china.adding(years: [2026: fake])
        #expect(try calendar.kind(of: Day("2026-03-02")!) == .workingDay)
    }

    @Test(
        "each mistake is named on its field, all at once",
        arguments: [
            (form(year: nil), ["year:required"]),
            (form(year: 1999), ["year:outOfRange"]),
            (CalendarYearForm(year: 2027), ["sourceTitle:required", "sourceDate:required", "holidays:required"]),
            (
                form(holidays: [Holiday(name: "", firstDay: "2027-13-01", lastDay: "")]),
                [
                    "holidays[0].name:required", "holidays[0].firstDay:invalidValue", "holidays[0].lastDay:required",
                    "workingDays[0].holiday:invalidOption", "workingDays[1].holiday:invalidOption",
                ]
            ),
            (
                form(holidays: [Holiday(name: "元旦", firstDay: "2027-01-03", lastDay: "2027-01-01")], workingDays: []),
                ["holidays[0].lastDay:endBeforeStart"]
            ),
            (
                form(holidays: [Holiday(name: "国庆节", firstDay: "2027-10-01", lastDay: "2027-10-20")], workingDays: []),
                ["holidays[0].lastDay:outOfRange"]
            ),
            (
                form(holidays: [Holiday(name: "春节", firstDay: "2027-12-30", lastDay: "2028-01-02")], workingDays: []),
                ["holidays[0].firstDay:outOfRange"]
            ),
            (
                form(holidays: [Holiday(name: "周末", firstDay: "2027-01-02", lastDay: "2027-01-03")], workingDays: []),
                ["holidays[0].firstDay:weekendsOnly"]
            ),
            (
                form(
                    holidays: [
                        Holiday(name: "元旦", firstDay: "2027-01-01", lastDay: "2027-01-03"),
                        Holiday(name: "又一个", firstDay: "2027-01-03", lastDay: "2027-01-04"),
                    ], workingDays: []), ["holidays[1].firstDay:overlapping"]
            ),
            (form(workingDays: [Worked(day: "2027-01-04", holiday: "春节")]), ["workingDays[0].day:notWeekend"]),
            (form(workingDays: [Worked(day: "2027-02-06", holiday: "春节")]), ["workingDays[0].day:overlapping"]),
            (
                form(workingDays: [Worked(day: "2027-01-30", holiday: "春节"), Worked(day: "2027-01-30", holiday: "春节")]),
                ["workingDays[1].day:duplicate"]
            ),
            (
                form(workingDays: [Worked(day: "2028-01-01", holiday: "")]),
                ["workingDays[0].day:outOfRange", "workingDays[0].holiday:required"]
            ),
        ] as [(CalendarYearForm, [String])])
    func mistakes(form: CalendarYearForm, expected: [String]) {
        #expect(Self.problems(form) == expected)
    }

    @Test(
        "a span may start in the December before only on days that year already gives off",
        arguments: [
            ("2026-12-31", ["2026-12-31"], [], nil),  // that year's arrangement gives 12-31 off
            ("2026-12-31", [], [], "holidays[0].firstDay:mismatch"),  // a working Thursday there
            ("2026-12-27", ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"], [], nil),  // Sunday, then days off
            (
                "2026-12-27", ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"], ["2026-12-27"],
                "holidays[0].firstDay:mismatch"
            ),  // a Sunday that year works
            ("2026-11-30", [], [], "holidays[0].firstDay:outOfRange"),  // only December may precede
        ] as [(String, [String], [String], String?)])
    func turnOfTheYear(first: String, previousOff: [String], previousWorked: [String], problem: String?) {
        let previous = WorkingDayCalendar.Year(
            source: ["x"], offDays: previousOff.compactMap(Day.init), workdays: previousWorked.compactMap(Day.init),
            names: [:])
        let form = Self.form(holidays: [Holiday(name: "元旦", firstDay: first, lastDay: "2027-01-01")], workingDays: [])
        let problems: [String] =
            switch form.arrangement(previous: previous, bundled: Self.bundled) {
            case .success: []
            case .failure(let list): list.problems.map { "\($0.field):\($0.code)" }
            }
        #expect(problems == (problem.map { [$0] } ?? []))
    }

    @Test("the source: a published date in the year or the one before, an address of the web")
    func source() {
        var form = Self.form()
        form.sourceDate = "2025-12-01"
        form.sourceURL = "gov.cn/2027"
        #expect(Self.problems(form) == ["sourceDate:outOfRange", "sourceURL:invalidFormat"])
        form.sourceDate = "2027-01-05"
        form.sourceURL = ""
        #expect(Self.problems(form) == [])
    }

    @Test("the lists are bounded when written")
    func bounded() {
        let many = (1...13).map { Holiday(name: "假\($0)", firstDay: "2027-03-0\($0 % 9 + 1)", lastDay: "2027-03-09") }
        #expect(Self.problems(Self.form(holidays: many, workingDays: [])) == ["holidays:tooMany"])
        let worked = (1...13).map { _ in Worked(day: "2027-01-30", holiday: "春节") }
        #expect(Self.problems(Self.form(workingDays: worked)) == ["workingDays:tooMany"])
    }
}
