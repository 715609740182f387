import Foundation
import ShenbaoCore

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
    static func wan(_ yuan: Int) -> String { WanAmount.wanText(yuan) }
}

extension ChineseFormat {
    /// Today in China, as a calendar day: sanctions and deadlines are Beijing-time days.
    static func today(_ now: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? .first
    }

    /// `HH:MM` in Beijing time, for "已保存 14:05".
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// An ISO 8601 instant, for values stored inside JSON documents.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
