import Foundation

/// How dates and money read on Chinese pages: 2025年3月31日 17:00, 5 万元.
enum ChineseFormat {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current

    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%d年%d月%d日 %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// Integer yuan as 万元, without trailing zeros: 50000 → "5", 125000 → "12.5".
    static func wan(_ yuan: Int) -> String {
        let whole = yuan / 10000
        let rest = yuan % 10000
        guard rest != 0 else { return String(whole) }
        var fraction = String(format: "%04d", rest)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
