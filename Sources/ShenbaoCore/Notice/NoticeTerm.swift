/// The length and dates of the public notice (公示): the guide sets 5 working days, a floor the
/// call's data may raise but never lower, and a notice neither starts before the day it is
/// started nor ends before it has run.
public enum NoticeTerm {
    /// 公示5个工作日 (the guide).
    public static let minimumWorkingDays = 5
    /// What a call may set: the guide's minimum to six working weeks.
    public static let workingDays = minimumWorkingDays...30
    public static let label = "公示期（工作日）"

    /// The length a notice runs for a call's configured length: never below the guide's.
    public static func workingDays(configured: Int) -> Int {
        min(max(configured, workingDays.lowerBound), workingDays.upperBound)
    }

    /// The problem of a configured length outside the bounds, naming the field.
    public static func problem(configured: Int, field: String = "noticeWorkingDays") -> Problem? {
        InputBounds.problem(configured, in: workingDays, field: field, label: label, unit: "个工作日")
    }

    /// A notice cannot be backdated: it starts today at the earliest (Beijing time).
    public static func startProblem(start: Day, today: Day, field: String = "startDate") -> Problem? {
        guard start < today else { return nil }
        return Problem(
            field: field, code: .beforeToday, message: "公示起始日期不能早于今天（\(today.chinese)），现为\(start.chinese)")
    }

    /// The day the notice really ends: its recorded end, or the end of the guide's minimum
    /// counted from its start when that is later (a shortened record does not shorten it).
    public static func end(recorded: Day, minimumEnd: Day) -> Day {
        max(recorded, minimumEnd)
    }

    /// The list is published only once the notice has run to the end of its last day.
    public static func hasRun(end: Day, today: Day) -> Bool {
        today > end
    }
}
