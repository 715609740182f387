/// A recommender found to have committed fraud (弄虚作假) may not recommend for three years from
/// the province's decision (guide, 申报要求).
///
/// The period is counted as the Civil Code counts periods (民法典 art. 201–202): the day of the
/// decision is not counted, and a period in years ends on the corresponding day of the last
/// year, or on the last day of that month when it has no corresponding day.
public enum Sanction {
    public static let years = 3

    /// The last day of the bar, inclusive: decided on 2025-03-01, barred through 2028-03-01;
    /// decided on 2024-02-29, barred through 2027-02-28 (February 2027 has no 29th).
    public static func lastDay(decidedOn: Day) -> Day {
        decidedOn.adding(years: years)
    }
}

extension Day {
    /// The corresponding day `years` later; 29 February becomes 28 February, the last day of the
    /// month, in a common year (民法典 art. 202).
    public func adding(years: Int) -> Day {
        let year = self.year + years
        let day = min(self.day, Day.daysIn(month: month, year: year))
        return Day(year: year, month: month, day: day) ?? self
    }
}
