/// Whether an expert may still save or submit a review (docs/rules.md §7): through the last day
/// of the plan's review deadline (Beijing time, the day itself included), or through a later day
/// the province set for that expert alone (延期). A plan without a deadline sets no limit.
public struct ReviewDeadline: Hashable, Sendable {
    /// The plan's 评审截止日期.
    public var plan: Day?
    /// The later day the province gave this expert, if any.
    public var extended: Day?

    /// The longest a reason for an extension or a reopening may be.
    public static let reasonLimit = 500

    public init(plan: Day?, extended: Day? = nil) {
        self.plan = plan
        self.extended = extended
    }

    /// The last day this expert may write on: the later of the plan's deadline and their own.
    /// An extension only ever lengthens; with no plan deadline there is no limit at all.
    public var effective: Day? {
        guard let plan else { return nil }
        guard let extended, extended > plan else { return plan }
        return extended
    }

    /// Whether the expert may still save or submit on `today`.
    public func allows(today: Day) -> Bool {
        guard let effective else { return true }
        return today <= effective
    }

    /// Why the expert may no longer save or submit on `today`, naming the deadline; nil while
    /// they may.
    public func refusal(today: Day) -> Problem? {
        guard let effective, !allows(today: today) else { return nil }
        let whose = effective == plan ? "评审截止时间" : "省科协为您延长的评审截止时间"
        return Problem(
            field: "reviewDeadline", code: .reviewDeadlinePassed,
            message: "\(whose)（\(effective.chinese)）已过，不能再保存或提交评审意见；如需延期请联系省科协")
    }

    /// Every problem of an extension to `day` with `reason`, given the plan's deadline and
    /// `today`: a deadline to extend, a day after it and not before today, a reason of at most
    /// ``reasonLimit`` characters.
    public static func extensionProblems(day: Day?, reason: String?, plan: Day?, today: Day) -> [Problem] {
        var problems: [Problem] = []
        if plan == nil {
            problems.append(
                Problem(field: "deadline", code: .noDeadline, message: "评审方案未设评审截止日期，无需为专家延期"))
        }
        if let day {
            if let plan, day <= plan {
                problems.append(
                    Problem(
                        field: "deadline", code: .notAfterDeadline,
                        message: "延长后的截止日期（\(day.chinese)）应晚于评审截止日期（\(plan.chinese)）"))
            } else if day < today {
                problems.append(
                    Problem(field: "deadline", code: .beforeToday, message: "延长后的截止日期（\(day.chinese)）不能早于今天"))
            }
        } else {
            problems.append(Problem(field: "deadline", code: .required, message: "请填写延长后的截止日期（YYYY-MM-DD）"))
        }
        problems += reasonProblems(reason, label: "延期理由")
        return problems
    }

    /// A required reason (for an extension or a reopening), trimmed, at most ``reasonLimit``.
    public static func reasonProblems(_ reason: String?, label: String) -> [Problem] {
        TextRules.requiredText(
            reason?.trimmingCharacters(in: .whitespacesAndNewlines), maximumLength: reasonLimit, field: "reason",
            label: label)
    }
}
