import Testing

@testable import ShenbaoCore

@Suite("Which reminder a report needs today")
struct ReportReminderTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var daysAhead: Int
        var status: Report.Status = .draft
        var remindedDueOn: Bool = false
        var remindedOverdueOn: Bool = false
        var remindedFor: String? = nil
        var expected: ReportReminder.Kind?
        var description: String { name }
    }

    static let due = Day("2026-07-30")!

    static let cases: [Case] = [
        Case(name: "due in 8 days: nothing yet", daysAhead: 8, expected: nil),
        Case(name: "due in 7 days: due soon", daysAhead: 7, expected: .dueSoon),
        Case(name: "due in 3 days, returned: due soon", daysAhead: 3, status: .returned, expected: .dueSoon),
        Case(name: "due today: due soon", daysAhead: 0, expected: .dueSoon),
        Case(name: "a day late: overdue", daysAhead: -1, expected: .overdue),
        Case(name: "a month late: overdue", daysAhead: -30, expected: .overdue),
        Case(
            name: "due in 5 days, already reminded for this day: nothing", daysAhead: 5, remindedDueOn: true,
            expected: nil),
        Case(
            name: "late, overdue notice already sent for this day: nothing", daysAhead: -2, remindedOverdueOn: true,
            expected: nil),
        Case(
            name: "late, only the due-soon notice sent: overdue", daysAhead: -1, remindedDueOn: true,
            expected: .overdue),
        Case(
            name: "reminded for an earlier due day (moved): due soon again", daysAhead: 4,
            remindedFor: "2026-06-30", expected: .dueSoon),
        Case(name: "submitted: nothing", daysAhead: 2, status: .submitted, expected: nil),
        Case(name: "submitted and late: nothing", daysAhead: -3, status: .submitted, expected: nil),
        Case(name: "accepted: nothing", daysAhead: -3, status: .accepted, expected: nil),
    ]

    @Test(arguments: cases)
    func reminder(_ item: Case) {
        let today = Day(ordinal: Self.due.ordinal - item.daysAhead)
        let mark = Self.due.description
        let kind = ReportReminder.due(
            on: Self.due, status: item.status, today: today,
            remindedDueOn: item.remindedDueOn ? mark : item.remindedFor,
            remindedOverdueOn: item.remindedOverdueOn ? mark : item.remindedFor)
        #expect(kind == item.expected)
    }

    @Test("a report whose due day is not known is never reminded of")
    func unknownDay() {
        #expect(
            ReportReminder.due(on: nil, status: .draft, today: Self.due, remindedDueOn: nil, remindedOverdueOn: nil)
                == nil)
        #expect(!ReportReminder.isOverdue(due: nil, status: .draft, today: Self.due))
    }

    @Test("a rectification deadline replaces the scheduled day; lateness counts from it")
    func rectification() {
        let deadline = Day("2026-10-31")!
        #expect(ReportReminder.effectiveDue(scheduled: Self.due, rectifyBy: deadline) == deadline)
        #expect(ReportReminder.effectiveDue(scheduled: Self.due, rectifyBy: nil) == Self.due)
        let today = Day("2026-11-01")!
        #expect(ReportReminder.isOverdue(due: deadline, status: .returned, today: today))
        #expect(!ReportReminder.isOverdue(due: deadline, status: .submitted, today: today))
        #expect(ReportReminder.daysLeft(until: deadline, today: today) == -1)
    }
}
