import Testing

@testable import ShenbaoCore

@Suite struct SanctionTests {
    @Test(
        "three years from the decision, the decision's anniversary free again",
        arguments: [
            ("2025-05-10", "2028-05-09"), ("2025-01-01", "2027-12-31"), ("2024-02-29", "2027-02-27"),
            ("2025-03-01", "2028-02-29"),
        ])
    func lastDay(decided: String, last: String) throws {
        #expect(Sanction.lastDay(decidedOn: try #require(Day(decided))) == Day(last))
    }
}
