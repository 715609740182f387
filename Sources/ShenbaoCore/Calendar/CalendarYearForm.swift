/// The State Council's arrangement of a year's public holidays (国务院办公厅关于XXXX年部分节假日安排的
/// 通知) as the province types it, once the notice is out, for a year the bundled data does not
/// hold. Every notice period, 补正 period and working-day count of that year waits for it
/// (`WorkingDayCalendar` refuses a year without data rather than guess).
///
/// The notice lists each holiday as a span of days ("1月1日至3日放假调休，共3天") and each adjusted
/// working day ("1月4日（星期日）上班"); the span includes the weekend days it covers. A span may begin
/// in the December before (元旦 sometimes does); those days belong to the year before, whose
/// arrangement must already agree that they are days off.
public struct CalendarYearForm: Codable, Equatable, Sendable {
    public struct Holiday: Codable, Equatable, Sendable {
        /// 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 or as the notice names it (国庆节、中秋节).
        public var name: String?
        public var firstDay: String?
        public var lastDay: String?

        public init(name: String? = nil, firstDay: String? = nil, lastDay: String? = nil) {
            self.name = name
            self.firstDay = firstDay
            self.lastDay = lastDay
        }
    }

    /// A weekend day worked instead of a day of `holiday` (调休上班).
    public struct AdjustedWorkingDay: Codable, Equatable, Sendable {
        public var day: String?
        public var holiday: String?

        public init(day: String? = nil, holiday: String? = nil) {
            self.day = day
            self.holiday = holiday
        }
    }

    public var year: Int?
    /// The notice's title, e.g. 国务院办公厅关于2027年部分节假日安排的通知.
    public var sourceTitle: String?
    /// The day the notice was published.
    public var sourceDate: String?
    /// Where it is published (www.gov.cn), when the province has the address.
    public var sourceURL: String?
    public var holidays: [Holiday]?
    public var workingDays: [AdjustedWorkingDay]?

    public init(
        year: Int? = nil, sourceTitle: String? = nil, sourceDate: String? = nil, sourceURL: String? = nil,
        holidays: [Holiday]? = nil, workingDays: [AdjustedWorkingDay]? = nil
    ) {
        self.year = year
        self.sourceTitle = sourceTitle
        self.sourceDate = sourceDate
        self.sourceURL = sourceURL
        self.holidays = holidays
        self.workingDays = workingDays
    }

    /// The years a form may be entered for: after the bundled data, within `Day`'s range.
    public static let years = 2000...2199
    /// China has seven holidays; a notice lists at most as many spans, and rarely more than six
    /// adjusted working days. The limits leave room without inviting a runaway list.
    public static let holidayLimit = 12
    public static let workingDayLimit = 12
    /// The longest holiday span (春节 and 国庆节 run 8–9 days).
    public static let longestHoliday = 12

    /// The arrangement as the calendar holds it, or every problem at once. `previous` is the year
    /// before's arrangement (bundled or entered), needed when a span begins in its December;
    /// `bundled` the years shipped with the system, which stay as they are.
    public func arrangement(previous: WorkingDayCalendar.Year?, bundled: Set<Int>) -> Result<
        WorkingDayCalendar.Year, ProblemList
    > {
        var problems: [Problem] = []
        guard let year, Self.years.contains(year) else {
            let message =
                year == nil ? "请填写年份" : "年份应在\(Self.years.lowerBound)至\(Self.years.upperBound)之间，现为\(year ?? 0)"
            return .failure(
                ProblemList([Problem(field: "year", code: year == nil ? .required : .outOfRange, message: message)]))
        }
        if bundled.contains(year) {
            problems.append(
                Problem(
                    field: "year", code: .notEditable,
                    message: "\(year)年的节假日安排随系统提供（来源为国务院办公厅通知），不能在此修改"))
        }
        problems += TextRules.requiredText(sourceTitle, maximumLength: 200, field: "sourceTitle", label: "通知标题")
        problems += sourceDateProblems(year: year)
        problems += sourceURLProblems()

        let (spans, spanProblems) = holidaySpans(year: year, previous: previous)
        problems += spanProblems
        let (worked, workedProblems) = adjustedWorkingDays(year: year, spans: spans)
        problems += workedProblems
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }

        var names: [String: String] = [:]
        var offDays: [Day] = []
        for span in spans {
            for day in span.days where day.year == year {
                offDays.append(day)
                names[day.description] = span.name
            }
        }
        for (day, name) in worked { names[day.description] = name }
        let source =
            [Self.trimmed(sourceTitle) + "（" + (Day(Self.trimmed(sourceDate))?.chinese ?? "") + "）"]
            + (Self.trimmed(sourceURL).isEmpty ? [] : [Self.trimmed(sourceURL)])
        return .success(
            WorkingDayCalendar.Year(
                source: source, offDays: offDays.sorted(), workdays: worked.map(\.day).sorted(), names: names))
    }

    /// The notice is published in the year before (2025's on 2024-11-12) or, late, in the year.
    private func sourceDateProblems(year: Int) -> [Problem] {
        let text = Self.trimmed(sourceDate)
        guard !text.isEmpty else { return [TextRules.missing(field: "sourceDate", label: "通知发布日期")] }
        guard let day = Day(text) else {
            return [Problem(field: "sourceDate", code: .invalidValue, message: "通知发布日期应为有效日期，如2026-11-12")]
        }
        guard day.year == year - 1 || day.year == year else {
            return [
                Problem(
                    field: "sourceDate", code: .outOfRange,
                    message: "\(year)年的节假日安排通知应在\(year - 1)年或\(year)年发布，现为\(day.chinese)")
            ]
        }
        return []
    }

    private func sourceURLProblems() -> [Problem] {
        let url = Self.trimmed(sourceURL)
        guard !url.isEmpty else { return [] }
        if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: \.isWhitespace) {
            return [Problem(field: "sourceURL", code: .invalidFormat, message: "通知网址应以 https:// 或 http:// 开头，且不含空格")]
        }
        return TextRules.maximumLength(url, 500, field: "sourceURL", label: "通知网址")
    }

    struct Span {
        var name: String
        var days: [Day]
    }

    private func holidaySpans(year: Int, previous: WorkingDayCalendar.Year?) -> ([Span], [Problem]) {
        let holidays = holidays ?? []
        guard !holidays.isEmpty else {
            return ([], [Problem(field: "holidays", code: .required, message: "请至少填写一个节假日（如元旦）")])
        }
        guard holidays.count <= Self.holidayLimit else {
            return (
                [],
                [
                    Problem(
                        field: "holidays", code: .tooMany, message: "节假日最多\(Self.holidayLimit)项，现为\(holidays.count)项")
                ]
            )
        }
        var spans: [Span] = []
        var problems: [Problem] = []
        var taken: [Day: String] = [:]
        for (index, holiday) in holidays.enumerated() {
            let field = "holidays[\(index)]"
            let label = "第\(index + 1)个节假日"
            let name = Self.trimmed(holiday.name)
            var these: [Problem] = []
            if name.isEmpty {
                these.append(TextRules.missing(field: "\(field).name", label: "\(label)的名称"))
            } else {
                these += TextRules.maximumLength(name, 20, field: "\(field).name", label: "\(label)的名称")
            }
            let first = Self.day(holiday.firstDay, field: "\(field).firstDay", label: "\(label)的放假起始日", into: &these)
            let last = Self.day(holiday.lastDay, field: "\(field).lastDay", label: "\(label)的放假结束日", into: &these)
            if let first, let last {
                these += Self.spanProblems(
                    first: first, last: last, year: year, previous: previous, field: field, label: label)
            }
            problems += these
            guard these.isEmpty, let first, let last else { continue }
            var days: [Day] = []
            var day = first
            while day <= last {
                days.append(day)
                day = day.next
            }
            if let clash = days.first(where: { taken[$0] != nil }), let other = taken[clash] {
                problems.append(
                    Problem(
                        field: "\(field).firstDay", code: .overlapping,
                        message: "\(label)（\(name)）与“\(other)”的放假日期重叠（\(clash.chinese)）"))
                continue
            }
            for day in days { taken[day] = name }
            spans.append(Span(name: name, days: days))
        }
        return (spans, problems)
    }

    /// One span's own rules: in order, not too long, ending in the year, beginning in it or in the
    /// December before on days that year's arrangement already gives off, and giving at least
    /// one weekday off (a span of weekend days only changes nothing).
    static func spanProblems(
        first: Day, last: Day, year: Int, previous: WorkingDayCalendar.Year?, field: String, label: String
    ) -> [Problem] {
        guard first <= last else {
            return [
                Problem(
                    field: "\(field).lastDay", code: .endBeforeStart,
                    message: "\(label)的放假结束日（\(last.chinese)）早于起始日（\(first.chinese)）")
            ]
        }
        guard last.year == year, first.year == year || (first.year == year - 1 && first.month == 12) else {
            return [
                Problem(
                    field: "\(field).firstDay", code: .outOfRange,
                    message: "\(label)应在\(year)年内（元旦可从上一年12月开始），现为\(first.chinese)至\(last.chinese)")
            ]
        }
        var days: [Day] = []
        var day = first
        while day <= last, days.count <= longestHoliday {
            days.append(day)
            day = day.next
        }
        guard days.count <= longestHoliday else {
            return [
                Problem(
                    field: "\(field).lastDay", code: .outOfRange,
                    message: "\(label)最长\(longestHoliday)天，现为\(first.chinese)至\(last.chinese)")
            ]
        }
        for day in days where day.year < year {
            let previousOff = previous?.offDays.contains(day) ?? false
            let previousWorked = previous?.workdays.contains(day) ?? false
            if previousWorked || !(previousOff || day.isWeekend) {
                return [
                    Problem(
                        field: "\(field).firstDay", code: .mismatch,
                        message: "\(label)从\(day.chinese)开始，但\(day.year)年的安排中这一天是工作日：请核对通知，或先更正\(day.year)年的安排")
                ]
            }
        }
        guard days.contains(where: { !$0.isWeekend }) else {
            return [
                Problem(
                    field: "\(field).firstDay", code: .weekendsOnly,
                    message: "\(label)（\(first.chinese)至\(last.chinese)）全是周末，不用录入；请核对放假日期")
            ]
        }
        return []
    }

    private func adjustedWorkingDays(year: Int, spans: [Span]) -> ([(day: Day, name: String)], [Problem]) {
        let entries = workingDays ?? []
        guard entries.count <= Self.workingDayLimit else {
            return (
                [],
                [
                    Problem(
                        field: "workingDays", code: .tooMany,
                        message: "调休上班日最多\(Self.workingDayLimit)天，现为\(entries.count)天")
                ]
            )
        }
        // Every name typed above counts, even of a span with a wrong date: that span has its own
        // problem, and the worked day should not get a second one for it.
        let names = Set((holidays ?? []).map { Self.trimmed($0.name) }.filter { !$0.isEmpty })
        let off = Dictionary(
            spans.flatMap { span in span.days.map { ($0, span.name) } }, uniquingKeysWith: { a, _ in a })
        var seen: Set<Day> = []
        var worked: [(day: Day, name: String)] = []
        var problems: [Problem] = []
        for (index, entry) in entries.enumerated() {
            let field = "workingDays[\(index)]"
            let label = "第\(index + 1)个调休上班日"
            var these: [Problem] = []
            let day = Self.day(entry.day, field: "\(field).day", label: label, into: &these)
            if let day {
                if day.year != year {
                    these.append(
                        Problem(
                            field: "\(field).day", code: .outOfRange, message: "\(label)应在\(year)年内，现为\(day.chinese)"))
                } else if !day.isWeekend {
                    these.append(
                        Problem(
                            field: "\(field).day", code: .notWeekend,
                            message: "调休上班日应为周六或周日，\(day.chinese)是\(day.chineseWeekday)"))
                } else if let name = off[day] {
                    these.append(
                        Problem(
                            field: "\(field).day", code: .overlapping,
                            message: "\(day.chinese)在“\(name)”的放假日期内，不能同时是调休上班日"))
                } else if seen.contains(day) {
                    these.append(Problem(field: "\(field).day", code: .duplicate, message: "\(day.chinese)已填写过"))
                }
            }
            let holiday = Self.trimmed(entry.holiday)
            if holiday.isEmpty {
                these.append(TextRules.missing(field: "\(field).holiday", label: "\(label)所属的节假日"))
            } else if !names.contains(holiday) {
                these.append(
                    Problem(
                        field: "\(field).holiday", code: .invalidOption,
                        message: "\(label)所属的节假日“\(holiday)”不在上面填写的节假日中"))
            }
            problems += these
            if these.isEmpty, let day {
                seen.insert(day)
                worked.append((day, holiday))
            }
        }
        return (worked, problems)
    }

    private static func day(_ text: String?, field: String, label: String, into problems: inout [Problem]) -> Day? {
        let text = trimmed(text)
        if text.isEmpty {
            problems.append(TextRules.missing(field: field, label: label))
            return nil
        }
        guard let day = Day(text) else {
            problems.append(Problem(field: field, code: .invalidValue, message: "\(label)应为有效日期，如2027-01-01"))
            return nil
        }
        return day
    }

    private static func trimmed(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Problems as an `Error`, so an arrangement is a `Result`.
public struct ProblemList: Error, Equatable, Sendable {
    public var problems: [Problem]

    public init(_ problems: [Problem]) { self.problems = problems }
}
