/// The submitted review totals of one application and what the meeting reads from them.
///
/// Scores are kept in hundredths as integers, so rounding to two decimals is exact and two
/// applications tie exactly when their displayed scores are equal.
public struct ReviewAggregate: Hashable, Sendable {
    /// The totals of the submitted reviews, each 0…100.
    public var totals: [Int]

    /// Reviews from which one highest and one lowest are dropped (去掉一个最高分和一个最低分).
    public static let trimmingThreshold = 5

    public init(totals: [Int]) {
        self.totals = totals
    }

    public var reviewCount: Int { totals.count }

    /// The plain mean in hundredths, rounded half up; `nil` without reviews.
    public var meanHundredths: Int? {
        totals.isEmpty ? nil : Self.hundredths(sum: totals.reduce(0, +), count: totals.count)
    }

    /// The mean without one highest and one lowest total, in hundredths; `nil` below 5 reviews.
    public var trimmedMeanHundredths: Int? {
        guard totals.count >= Self.trimmingThreshold, let high = totals.max(), let low = totals.min() else {
            return nil
        }
        return Self.hundredths(sum: totals.reduce(0, +) - high - low, count: totals.count - 2)
    }

    /// The score that ranks: the trimmed mean from 5 reviews on, the mean below.
    public var scoreHundredths: Int? { trimmedMeanHundredths ?? meanHundredths }

    /// The score rounded to two decimals.
    public var score: Double? { scoreHundredths.map { Double($0) / 100 } }

    /// Highest minus lowest total: a wide spread tells the meeting the experts disagree.
    public var spread: Int? {
        guard let high = totals.max(), let low = totals.min() else { return nil }
        return high - low
    }

    /// `sum / count` in hundredths, half rounded up (scores are never negative).
    static func hundredths(sum: Int, count: Int) -> Int {
        (sum * 200 + count) / (2 * count)
    }
}
