/// The bounds of every number a person or a client may send, checked before any arithmetic.
///
/// A page number of 9223372036854775807 once stopped the server (page × per overflowed): Swift
/// traps on overflow, so a number from outside must be inside one of these ranges before it is
/// added, multiplied or converted. Each range is far beyond any real call's need and small enough
/// that the sums and products the rules make of them stay far below `Int.max`. The OpenAPI
/// document states the same bounds (`minimum`/`maximum`).
public enum InputBounds {
    /// A page of a list.
    public static let page = 1...100_000
    /// Rows on a page of a list.
    public static let perPage = 1...200
    /// One amount in 元: a phase's budget, a request, a reduction, a decision (up to 1 亿元).
    public static let amountYuan = 0...100_000_000
    /// A call's whole budget in 元 (up to 100 亿元).
    public static let totalBudgetYuan = 1...10_000_000_000
    /// A review criterion's full marks.
    public static let criterionPoints = 1...100
    /// One score an expert gives on one criterion (the plan narrows it to the criterion's marks).
    public static let score = 0...100

    /// Paper copies or certificates received at intake (the guide asks for six and two).
    public static let paperCount = 0...100

    /// The problem of `value` outside `range`, or nil: `label` names the field as the form does.
    public static func problem(
        _ value: Int, in range: ClosedRange<Int>, field: String, label: String, unit: String = ""
    ) -> Problem? {
        guard !range.contains(value) else { return nil }
        return Problem(
            field: field, code: .outOfBounds,
            message: "\(label)应在\(range.lowerBound)\(unit)至\(range.upperBound)\(unit)之间，现为\(value)\(unit)")
    }
}
