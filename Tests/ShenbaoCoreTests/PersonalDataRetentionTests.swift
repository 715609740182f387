import Foundation
import Testing

@testable import ShenbaoCore

struct RetentionCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let years: Int
    let lastYear: Int
    let today: String
    let keptThrough: String
    let erasableFrom: String
    let erasable: Bool
}

private let cases: [RetentionCase] = [
    .init(
        testDescription: "2025 with 10 years: kept through 2035, erasable on 2036-01-01", years: 10, lastYear: 2025,
        today: "2036-01-01", keptThrough: "2035-12-31", erasableFrom: "2036-01-01", erasable: true),
    .init(
        testDescription: "the last day of the period still refuses", years: 10, lastYear: 2025, today: "2035-12-31",
        keptThrough: "2035-12-31", erasableFrom: "2036-01-01", erasable: false),
    .init(
        testDescription: "the year of activity itself refuses", years: 10, lastYear: 2025, today: "2025-06-01",
        keptThrough: "2035-12-31", erasableFrom: "2036-01-01", erasable: false),
    .init(
        testDescription: "one year", years: 1, lastYear: 2024, today: "2026-01-01", keptThrough: "2025-12-31",
        erasableFrom: "2026-01-01", erasable: true),
    .init(
        testDescription: "0 years is raised to the minimum of 1", years: 0, lastYear: 2024, today: "2025-12-31",
        keptThrough: "2025-12-31", erasableFrom: "2026-01-01", erasable: false),
    .init(
        testDescription: "1,000 years is lowered to 100", years: 1000, lastYear: 2025, today: "2200-01-01",
        keptThrough: "2125-12-31", erasableFrom: "2126-01-01", erasable: true),
    .init(
        testDescription: "an absurd year stays inside the calendar, never traps", years: 100, lastYear: Int.max,
        today: "2100-01-01", keptThrough: "2199-12-31", erasableFrom: "2200-01-01", erasable: false),
    .init(
        testDescription: "a year before 1900 counts as 1900", years: 10, lastYear: -5, today: "2000-01-01",
        keptThrough: "1910-12-31", erasableFrom: "1911-01-01", erasable: true),
]

@Suite("个人信息保存期限")
struct PersonalDataRetentionTests {
    @Test(arguments: cases)
    func period(_ example: RetentionCase) throws {
        let retention = PersonalDataRetention(years: example.years)
        let today = try #require(Day(example.today))
        #expect(retention.keptThrough(lastYear: example.lastYear).description == example.keptThrough)
        #expect(retention.erasableFrom(lastYear: example.lastYear).description == example.erasableFrom)
        let problems = retention.problems(lastYear: example.lastYear, today: today)
        #expect(problems.isEmpty == example.erasable)
        if let problem = problems.first {
            #expect(problem.code == "retentionNotPassed")
            // The refusal names the day erasure becomes possible, in Chinese.
            #expect(problem.message.contains(Day(example.erasableFrom)!.chinese))
            #expect(problem.message.contains("起方可删除"))
        }
    }

    @Test("the default is 10 years")
    func defaultPeriod() {
        #expect(PersonalDataRetention().years == 10)
        #expect(PersonalDataRetention.defaultYears == 10)
    }
}

@Suite("个人信息收集说明")
struct PrivacyNoticeTests {
    /// docs/features.md quotes each notice as the pages show it with the default period: written once.
    @Test("docs/features.md quotes every notice word for word")
    func documentAgrees() throws {
        let features = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/features.md").standardized
        let text = try String(contentsOf: features, encoding: .utf8)
        for notice in PrivacyNotice.all() {
            for part in [notice.title, notice.collected, notice.purpose, notice.audience, notice.retention] {
                #expect(text.contains(part), "docs/features.md lacks: \(part)")
            }
        }
    }

    @Test("each notice says what, why, who and how long, with the configured period")
    func complete() {
        for notice in PrivacyNotice.all(retention: .init(years: 15)) {
            let parts = [notice.collected, notice.purpose, notice.audience, notice.retention]
            #expect(parts.allSatisfy { !$0.isEmpty })
            #expect(notice.retention.contains("15年"))
        }
    }
}
