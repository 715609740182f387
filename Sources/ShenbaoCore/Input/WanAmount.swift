/// An amount typed in 万元 (`12`, `12.5`, `0.0001`, `1,200`, `5万元`), read into whole 元 without floating
/// point: `1e300` or `12.34567` is refused instead of being rounded or trapping in a conversion.
public enum WanAmount {
    public enum Failure: Error, Equatable, Sendable {
        /// Not a decimal number of 万元 with at most four decimals (一元 is 0.0001 万元).
        case notANumber
        /// A number, but outside the bounds given.
        case outOfBounds
    }

    /// The amount in 元, within `bounds` (in 元).
    public static func yuan(_ text: String, within bounds: ClosedRange<Int>) -> Result<Int, Failure> {
        let unit = text.hasSuffix("万元") ? String(text.dropLast(2)) : text
        let trimmed = unit.filter { $0 != "," && $0 != "，" && !$0.isWhitespace }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ ("0"..."9").contains($0) })
        else { return .failure(.notANumber) }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 4, fraction.allSatisfy({ ("0"..."9").contains($0) }),
            parts.count == 1 || !fraction.isEmpty
        else { return .failure(.notANumber) }
        // Twelve digits of 万元 are 10^16 元, still far below Int.max: the product cannot trap.
        let digits = whole.drop { $0 == "0" }
        guard digits.count <= 12 else { return .failure(.outOfBounds) }
        let padded = String(fraction) + String(repeating: "0", count: 4 - fraction.count)
        // Both are digits only, checked above: they parse.
        guard let wan = Int(digits.isEmpty ? "0" : String(digits)), let rest = Int(padded) else {
            return .failure(.notANumber)
        }
        let yuan = wan * 10_000 + rest
        return bounds.contains(yuan) ? .success(yuan) : .failure(.outOfBounds)
    }

    /// The amount in 元 of `text` typed for `label`, or its problem.
    public enum Parsed: Equatable, Sendable {
        case yuan(Int)
        case problem(Problem)
    }

    public static func parse(
        _ text: String, within bounds: ClosedRange<Int>, field: String, label: String
    ) -> Parsed {
        switch yuan(text, within: bounds) {
        case .success(let yuan): return .yuan(yuan)
        case .failure(.notANumber):
            return .problem(
                Problem(field: field, code: .invalidValue, message: "\(label)应为以万元为单位的数字（最多四位小数），现为“\(text)”"))
        case .failure(.outOfBounds):
            return .problem(
                Problem(
                    field: field, code: .outOfBounds,
                    message:
                        "\(label)应在\(wanText(bounds.lowerBound))至\(wanText(bounds.upperBound))万元之间，现为“\(text)”"))
        }
    }

    /// `yuan` with its unit, as messages say it: 125000 → `12.5万元`.
    public static func withUnit(_ yuan: Int) -> String { wanText(yuan) + "万元" }

    /// `yuan` written in 万元 with only the decimals it needs: 50000 → `5`, 12345 → `1.2345`,
    /// -5000 → `-0.5`. The one writing of an amount in 万元, on pages, in messages and documents.
    public static func wanText(_ yuan: Int) -> String {
        let sign = yuan < 0 ? "-" : ""
        let magnitude = yuan.magnitude  // Int.min has no positive Int
        var fraction = String(magnitude % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(magnitude / 10_000)\(fraction.isEmpty ? "" : "." + fraction)"
    }

}
