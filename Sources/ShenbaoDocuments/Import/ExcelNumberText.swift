import Foundation

/// A number cell's value as Excel's General format shows it, to the clerk's eye.
///
/// Excel keeps 15 significant digits, so `0.30000000000000004` (0.1 + 0.2) reads `0.3`; a whole
/// number reads without a fraction, so a phone number entered as a number reads `13812345678`,
/// not `13812345678.0` or `1.3812345678E10`. Past 15 digits a whole number keeps Excel's zeros
/// (`1234567890123460`), and from 10^18 on it reads in Excel's exponent form (`1E+20`, where Swift
/// writes `1e+20`). A value that is no number is given back as written.
enum ExcelNumberText {
    static func text(_ value: String) -> String {
        let value = TableText.trimmed(value)
        guard let number = Double(value), number.isFinite else { return value }
        if let whole = wholeNumber(number, below: 1e15) { return whole }
        let shown =
            significantDigits("\(number)") > 15 ? Double(String(format: "%.15g", number)) ?? number : number
        return wholeNumber(shown, below: 1e18) ?? "\(shown)".uppercased()
    }

    /// The digits of `number` when it is whole and below `limit`.
    private static func wholeNumber(_ number: Double, below limit: Double) -> String? {
        guard number == number.rounded(), abs(number) < limit else { return nil }
        return String(Int64(number))
    }

    /// Digits of a number as Swift writes it (`0.30000000000000004`, `1.5e-07`), leading zeros
    /// and the exponent left out.
    private static func significantDigits(_ text: String) -> Int {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        let digits = mantissa.filter(\.isASCIIDigit).drop { $0 == "0" }
        return digits.count
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
