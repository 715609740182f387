/// How long a person's data is kept (个人信息保护法 §19, §47): through the end of the last year
/// the person took part in a call, plus `years` whole years; from the next 1 January the province
/// may erase it.
///
/// Counted from the last year of activity, not from the first: a person who takes part again
/// starts the period again, since their newer records need the older ones to be read. The
/// default of 10 years is the shortest fixed period (定期10年) that 国家档案局《机关文件材料归档范围
/// 和文书档案保管期限规定》 sets for an office's business files, which a call's files are.
public struct PersonalDataRetention: Hashable, Sendable {
    public static let defaultYears = 10
    public static let allowedYears = 1...100

    public var years: Int

    public init(years: Int = defaultYears) {
        self.years = min(max(years, Self.allowedYears.lowerBound), Self.allowedYears.upperBound)
    }

    /// The last day the data must be kept: 31 December of `lastYear + years`.
    public func keptThrough(lastYear: Int) -> Day {
        Day(year: Self.clamped(lastYear) + years, month: 12, day: 31) ?? Self.last
    }

    /// The first day the data may be erased: 1 January after `keptThrough`.
    public func erasableFrom(lastYear: Int) -> Day {
        Day(year: Self.clamped(lastYear) + years + 1, month: 1, day: 1) ?? Self.last
    }

    /// Nothing when the period has passed on `today`; otherwise the refusal naming the date.
    public func problems(lastYear: Int, today: Day) -> [Problem] {
        let from = erasableFrom(lastYear: lastYear)
        guard today < from else { return [] }
        return [
            Problem(
                field: "retention", code: .retentionNotPassed,
                message:
                    "保存期限尚未届满：该记录最近一次涉及\(lastYear)年度，须保存至\(keptThrough(lastYear: lastYear).chinese)（\(years)年），\(from.chinese)起方可删除"
            )
        ]
    }

    /// Years that keep every computed day inside Day's range (1900–2200) with up to 100 years.
    private static func clamped(_ year: Int) -> Int { min(max(year, 1900), 2099) }
    private static let last = Day.last
}
