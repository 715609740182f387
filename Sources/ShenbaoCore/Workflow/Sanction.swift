/// A recommender found to have committed fraud (弄虚作假) may not recommend for three years from
/// the province's decision (guide, 申报要求).
public enum Sanction {
    public static let years = 3

    /// The last day of the bar, inclusive: decided on 2025-05-10, barred through 2028-05-09.
    public static func lastDay(decidedOn: Day) -> Day {
        decidedOn.adding(years: years).previousDay
    }
}

extension Day {
    /// The same date `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> Day {
        let year = self.year + years
        let day = min(self.day, Day.daysIn(month: month, year: year))
        return Day(year: year, month: month, day: day) ?? self
    }

    public var previousDay: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1) ?? self }
        let month = self.month == 1 ? 12 : self.month - 1
        let year = self.month == 1 ? self.year - 1 : self.year
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) ?? self
    }
}
