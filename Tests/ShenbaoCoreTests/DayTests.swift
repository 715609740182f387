import Foundation
import Testing

@testable import ShenbaoCore

private struct Dated: Codable, Equatable {
    var day: Day
}

@Suite("日期")
struct DayTests {
    @Test(
        "real days are accepted",
        arguments: ["2025-06-01", "2025-01-31", "2025-04-30", "2025-12-31", "1900-01-01", "2200-12-31"])
    func realDays(text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
    }

    @Test(
        "days that don't exist or are written otherwise are refused",
        arguments: [
            "2025-02-29", "2025-04-31", "2025-06-31", "2025-13-01", "2025-00-10", "2025-06-00", "2025-06-32",
            "1899-12-31", "2201-01-01", "2025-6-1", "2025/06/01", "20250601", "2025-06-01T00:00:00Z",
            " 2025-06-01", "", "2025-06", "２０２５-06-01", "abcd-ef-gh", "2025-06-01-", "2025-+6-+1", "+025-06-01",
        ])
    func refused(text: String) {
        #expect(Day(text) == nil)
    }

    @Test(
        "29 February only in leap years",
        arguments: [(2024, true), (2025, false), (2000, true), (1900, false), (2100, false), (2028, true)])
    func leapYears(year: Int, leap: Bool) {
        #expect((Day(year: year, month: 2, day: 29) != nil) == leap)
        #expect(Day(year: year, month: 2, day: 28) != nil)
        #expect(Day(year: year, month: 2, day: 30) == nil)
    }

    @Test func daysCompareInCalendarOrder() throws {
        let days = try ["2025-06-01", "2024-12-31", "2025-05-31", "2025-06-02"].map { try #require(Day($0)) }
        #expect(days.sorted().map(\.description) == ["2024-12-31", "2025-05-31", "2025-06-01", "2025-06-02"])
        #expect(Day("2025-06-01") == Day(year: 2025, month: 6, day: 1))
    }

    @Test func chineseIsHowTheFormsPrintADate() {
        #expect(Day(year: 2025, month: 6, day: 1)?.chinese == "2025年6月1日")
    }

    @Test func codableAsText() throws {
        let value = Dated(day: try #require(Day("2025-02-28")))
        let json = try JSONEncoder().encode(value)
        #expect(String(decoding: json, as: UTF8.self) == #"{"day":"2025-02-28"}"#)
        #expect(try JSONDecoder().decode(Dated.self, from: json) == value)
    }

    @Test(
        "decoding a day that is not one is an error with a Chinese reason",
        arguments: [#"{"day":"2025-02-29"}"#, #"{"day":"2025/02/28"}"#, #"{"day":20250228}"#, #"{"day":null}"#])
    func decodingError(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Dated.self, from: Data(json.utf8))
        }
    }

    @Test func decodingErrorSaysWhatADayLooksLike() {
        do {
            _ = try JSONDecoder().decode(Dated.self, from: Data(#"{"day":"2025-02-30"}"#.utf8))
            Issue.record("decoded a day that does not exist")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "日期应为 YYYY-MM-DD 格式的有效日期")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
