import Testing

@testable import ShenbaoCore

@Suite struct SanctionTests {
    /// 民法典 art. 201–202: the decision's day is not counted and the bar ends on the
    /// corresponding day three years later, or on the month's last day when there is none.
    @Test(
        "three years from the day after the decision, through the corresponding day",
        arguments: [
            ("2025-03-01", "2028-03-01"), ("2025-05-10", "2028-05-10"), ("2025-01-01", "2028-01-01"),
            ("2025-12-31", "2028-12-31"), ("2024-02-29", "2027-02-28"), ("2025-02-28", "2028-02-28"),
            ("2027-02-28", "2030-02-28"), ("2029-02-28", "2032-02-28"),
        ])
    func lastDay(decided: String, last: String) throws {
        #expect(Sanction.lastDay(decidedOn: try #require(Day(decided))) == Day(last))
    }
}
