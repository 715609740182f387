import Testing

@testable import ShenbaoCore

@Suite("补正期")
struct CorrectionPeriodTests {
    private static func day(_ text: String) -> Day { Day(text)! }

    @Test(
        "counted from the day after the return, on working days",
        arguments: [
            // Friday: the next week's five working days.
            ("2025-03-07", 5, "2025-03-14"),
            // Monday: the day of the return is not counted (民法典 art. 201).
            ("2025-03-10", 5, "2025-03-17"),
            ("2025-03-10", 1, "2025-03-11"),
            // Across the National Day holiday, with the Sunday worked before it (调休上班).
            ("2025-09-26", 5, "2025-10-10"),
            ("2025-09-30", 1, "2025-10-09"),
            ("2026-12-01", 20, "2026-12-29"),
        ])
    func end(returned: String, days: Int, end: String) throws {
        #expect(
            try CorrectionPeriod.end(returnedOn: Self.day(returned), workingDays: days, calendar: .china)
                == Self.day(end))
    }

    @Test("a period reaching a year without the State Council's arrangement is refused, not guessed")
    func noData() {
        #expect(throws: WorkingDayCalendar.Failure.noData(year: 2027)) {
            try CorrectionPeriod.end(returnedOn: Self.day("2026-12-28"), workingDays: 5, calendar: .china)
        }
    }

    @Test("closures of the province's offices are not working days")
    func closures() throws {
        let calendar = WorkingDayCalendar.china.adding(closures: [Self.day("2025-03-11"): "系统维护"])
        #expect(
            try CorrectionPeriod.end(returnedOn: Self.day("2025-03-07"), workingDays: 5, calendar: calendar)
                == Self.day("2025-03-17"))
    }

    @Test(
        "the returner's number of working days",
        arguments: [
            (nil, 5, nil), ("", 5, nil), (" 7 ", 7, nil), ("1", 1, nil), ("30", 30, nil),
            ("0", nil, "outOfBounds"), ("31", nil, "outOfBounds"), ("-3", nil, "invalidValue"),
            ("五", nil, "invalidValue"), ("2.5", nil, "invalidValue"),
            ("9223372036854775808", nil, "invalidValue"),
        ] as [(String?, Int?, String?)])
    func workingDays(text: String?, value: Int?, code: String?) {
        switch CorrectionPeriod.workingDays(from: text) {
        case .days(let days):
            #expect(days == value)
            #expect(code == nil)
        case .invalid(let problem):
            #expect(value == nil)
            #expect(problem.code == code)
            #expect(problem.field == "correctionDays")
            #expect(problem.message.hasPrefix("补正期限（工作日）应"))
        }
    }

    @Test(
        "whether a draft may be submitted",
        arguments: [
            // Before the deadline, while open: anyone.
            (CallPhase.open, false, nil, "2025-03-10", CorrectionPeriod.Submission.allowed),
            (.open, false, "2025-03-01", "2025-03-10", .allowed),
            // After the deadline: only within a 补正 period, through its last day.
            (.open, true, nil, "2025-03-10", .deadlinePassed),
            (.open, true, "2025-03-14", "2025-03-14", .allowed),
            (.open, true, "2025-03-14", "2025-03-15", .periodEnded(Day("2025-03-14")!)),
            (.intake, true, "2025-03-14", "2025-03-10", .allowed),
            (.intake, true, "2025-03-14", "2025-03-17", .periodEnded(Day("2025-03-14")!)),
            (.intake, true, nil, "2025-03-10", .deadlinePassed),
            (.intake, false, nil, "2025-03-10", .callClosed),
            (.intake, false, "2025-03-14", "2025-03-10", .allowed),
            // From the review on, nothing resubmitted could be processed.
            (.review, true, "2025-03-14", "2025-03-10", .callClosed),
            (.notice, true, "2025-03-14", "2025-03-10", .callClosed),
            (.draft, false, nil, "2025-03-10", .callClosed),
        ] as [(CallPhase, Bool, String?, String, CorrectionPeriod.Submission)])
    func submission(
        phase: CallPhase, deadlinePassed: Bool, end: String?, today: String, expected: CorrectionPeriod.Submission
    ) {
        #expect(
            CorrectionPeriod.submission(
                phase: phase, deadlinePassed: deadlinePassed, correctionEndsOn: end.map(Self.day),
                today: Self.day(today)) == expected)
    }

    /// What the applicant reads when a submission is refused, for each reason.
    @Test(
        arguments: [
            (CorrectionPeriod.Submission.allowed, nil),
            (.deadlinePassed, "deadlinePassed:申报已于2025年3月31日 17:00截止，不能再提交"),
            (.periodEnded(Day("2025-04-08")!), "correctionPeriodEnded:补正期已于2025年4月8日结束，不能再提交"),
            (.callClosed, "callClosed:国际及港澳台科技交流项目当前为“专家评审”阶段，不能提交申报书"),
        ] as [(CorrectionPeriod.Submission, String?)])
    func refusal(submission: CorrectionPeriod.Submission, expected: String?) {
        let refusal = submission.refusal(
            deadline: "2025年3月31日 17:00", programme: "国际及港澳台科技交流项目", phase: .review)
        #expect(refusal.map { "\($0.code):\($0.message)" } == expected)
    }

    @Test("returns are offered while the call is open and during the intake only")
    func phases() {
        #expect(CallPhase.allCases.filter(CorrectionPeriod.acceptsReturns(in:)) == [.open, .intake])
    }
}
