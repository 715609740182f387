import ShenbaoCore

/// Why a summary table was not written: rows whose texts break the guide's limits.
///
/// Submission already refuses such texts, so this means data that bypassed the rules; the table
/// goes to the province under a seal, so it is refused rather than printed against the guide.
public struct SummaryTableError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every offending text, each on its path (`rows[2].summaryContent`), in row order.
    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.message).joined(separator: "；")
    }
}
