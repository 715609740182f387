import Foundation

/// Which reminder a funded project's report needs today (issue 30 item 6): one "due soon" notice
/// from seven days before its due day, one overdue notice once the day has passed, each sent once
/// per due day (a due day moved by a change or a rectification deadline reminds again). Only a
/// report the unit still has to send — a draft or a returned one — is reminded of.
public enum ReportReminder {
    public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
        /// Due within `leadDays` days, today included.
        case dueSoon
        /// The due day has passed and the report is still with the unit.
        case overdue
    }

    /// How many days ahead the unit is told.
    public static let leadDays = 7

    /// The day a report is due: its scheduled day, or, for the final report of a project that
    /// failed acceptance, the rectification deadline the province gave (整改期限).
    public static func effectiveDue(scheduled: Day?, rectifyBy: Day?) -> Day? {
        rectifyBy ?? scheduled
    }

    /// Days from `today` to `due`: positive ahead, 0 on the day, negative once passed.
    public static func daysLeft(until due: Day, today: Day) -> Int {
        due.ordinal - today.ordinal
    }

    /// Whether the report is late: the unit still holds it and its due day has passed.
    public static func isOverdue(due: Day?, status: Report.Status, today: Day) -> Bool {
        guard let due, Report.isEditable(status) else { return false }
        return due < today
    }

    /// The reminder due today, or nil: none for a report already submitted or accepted, none
    /// before `leadDays` days ahead, none already sent for this due day (`remindedDueOn` and
    /// `remindedOverdueOn` hold the due days, `YYYY-MM-DD`, whose notices went out).
    public static func due(
        on due: Day?, status: Report.Status, today: Day, remindedDueOn: String?, remindedOverdueOn: String?
    ) -> Kind? {
        guard let due, Report.isEditable(status) else { return nil }
        let left = daysLeft(until: due, today: today)
        if left < 0 {
            return remindedOverdueOn == due.description ? nil : .overdue
        }
        if left <= leadDays {
            return remindedDueOn == due.description ? nil : .dueSoon
        }
        return nil
    }
}
