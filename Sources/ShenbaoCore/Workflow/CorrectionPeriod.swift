import Foundation

/// The 补正 period a return for revision (退回修改) gives the applicant: its end on China's
/// working-day calendar, and whether the returned application may be submitted again.
///
/// The guide sets a deadline for submissions; a recommender or the province who returns an
/// application after it would otherwise leave the applicant nothing to do. The returner sets a
/// number of working days (5 unless they choose otherwise), counted as the Civil Code counts a
/// period (民法典 art. 201): the day of the return is not counted, the next working day is day 1.
public enum CorrectionPeriod {
    public static let defaultWorkingDays = 5
    /// What a returner may choose: at least a day, at most six working weeks, so that the
    /// intake of the call is not held open for longer than the province can wait.
    public static let workingDays = 1...30
    public static let field = "correctionDays"
    public static let label = "补正期限（工作日）"

    /// The call phases in which a returned application can still walk the chain to the
    /// province's intake: while the call is open and during the intake. From the review on,
    /// experts score only applications already accepted, so a resubmission could no longer be
    /// processed; no return is offered then.
    public static let phasesAcceptingReturns: Set<CallPhase> = [.open, .intake]

    public static func acceptsReturns(in phase: CallPhase) -> Bool {
        phasesAcceptingReturns.contains(phase)
    }

    /// A returner's number of working days, read: the days, or what is wrong with them.
    public enum Parsed: Equatable, Sendable {
        case days(Int)
        case invalid(Problem)
    }

    /// The number of working days a returner typed (or sent): empty means the call's default
    /// (`callDefault`, when the call sets one within bounds), else `defaultWorkingDays`.
    public static func workingDays(from text: String?, callDefault: Int? = nil) -> Parsed {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty { return .days(defaultDays(of: callDefault)) }
        guard trimmed.count <= 9, trimmed.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(trimmed) else {
            return .invalid(
                Problem(
                    field: field, code: .invalidValue,
                    message: "\(label)应为\(workingDays.lowerBound)至\(workingDays.upperBound)之间的整数，现为“\(trimmed)”"))
        }
        if let problem = InputBounds.problem(value, in: workingDays, field: field, label: label, unit: "个工作日") {
            return .invalid(problem)
        }
        return .days(value)
    }

    /// The days a return gives when none is typed: the call's default when within
    /// `workingDays`, else `defaultWorkingDays`.
    public static func defaultDays(of callDefault: Int?) -> Int {
        guard let callDefault, workingDays.contains(callDefault) else { return defaultWorkingDays }
        return callDefault
    }

    /// The call's default as the province typed it on the call's form: nil when valid.
    public static func callDefaultProblem(_ value: Int, field: String = "correctionWorkingDays") -> Problem? {
        InputBounds.problem(value, in: workingDays, field: field, label: "默认补正期限（工作日）", unit: "个工作日")
    }

    /// The last day of the period: `count` working days after the day of the return.
    public static func end(returnedOn: Day, workingDays count: Int, calendar: WorkingDayCalendar)
        throws(WorkingDayCalendar.Failure) -> Day
    {
        try calendar.addWorkingDays(returnedOn.next, count)
    }

    /// Whether an application in draft may be submitted, and if not, why.
    public enum Submission: Equatable, Sendable {
        case allowed
        /// The deadline passed and the application has no 补正 period.
        case deadlinePassed
        /// The application's 补正 period ended on that day.
        case periodEnded(Day)
        /// The call is in a phase that takes no submission.
        case callClosed
    }

    /// Before the deadline, while the call is open, anyone submits. After it — the call still
    /// open or already in its intake — only a returned application within its 补正 period,
    /// through the end of its last day (Beijing time). An intake begun before the deadline
    /// (the phase guard forbids it, old data may hold it) takes only returned applications too.
    public static func submission(
        phase: CallPhase, deadlinePassed: Bool, correctionEndsOn: Day?, today: Day
    ) -> Submission {
        guard acceptsReturns(in: phase) else { return .callClosed }
        if phase == .open, !deadlinePassed { return .allowed }
        guard let end = correctionEndsOn else { return deadlinePassed ? .deadlinePassed : .callClosed }
        return today <= end ? .allowed : .periodEnded(end)
    }
}

extension CorrectionPeriod.Submission {
    /// Why a submission is refused, in the words the applicant reads; nil when it is allowed.
    /// `deadline` is the deadline as the applicant knows it (2025年3月31日 17:00), `programme`
    /// and `phase` name the call and where it stands.
    public func refusal(deadline: String?, programme: String, phase: CallPhase) -> WorkflowRefusal? {
        switch self {
        case .allowed: nil
        case .deadlinePassed:
            WorkflowRefusal(code: .deadlinePassed, message: "申报已\(deadline.map { "于" + $0 } ?? "")截止，不能再提交")
        case .periodEnded(let end):
            WorkflowRefusal(code: .correctionPeriodEnded, message: "补正期已于\(end.chinese)结束，不能再提交")
        case .callClosed:
            WorkflowRefusal(code: .callClosed, message: "\(programme)当前为“\(phase.label)”阶段，不能提交申报书")
        }
    }
}
