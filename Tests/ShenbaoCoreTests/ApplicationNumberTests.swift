import Foundation
import Testing

@testable import ShenbaoCore

@Suite struct ApplicationNumberTests {
    @Test(
        "year, the category's letters and four digits at least",
        arguments: [
            (2025, Category.conference, 12, "2025-HY-0012"), (2025, .cooperation, 31, "2025-HZ-0031"),
            (2026, .conference, 1, "2026-HY-0001"), (2025, .cooperation, 12345, "2025-HZ-12345"),
        ])
    func written(year: Int, category: Category, sequence: Int, text: String) {
        let number = ApplicationNumber(year: year, category: category, sequence: sequence)
        #expect(number.description == text)
        #expect(ApplicationNumber(text) == number)
    }

    @Test(
        "typed in a search box: any case and spaces around; nothing else",
        arguments: [
            ("2025-hy-0012", "2025-HY-0012"), (" 2025-HZ-0031 ", "2025-HZ-0031"), ("2025-HX-0012", nil),
            ("2025-HY-12", nil), ("25-HY-0012", nil), ("2025-HY-0000", nil), ("2025-HY-００１２", nil), ("", nil),
        ] as [(String, String?)])
    func read(text: String, number: String?) {
        #expect(ApplicationNumber(text)?.description == number)
    }
}

@Suite struct ReviewOpinionsTests {
    struct Line: Equatable {
        var recommender: String
        var decision: ReviewOpinions.RecommenderOpinion.Decision
        var minute: Int
    }

    static func final(_ lines: [Line], status: ApplicationStatus = .atProvince, submittedAt minute: Int?) -> [Line] {
        ReviewOpinions.final(lines, status: status, lastSubmittedAt: minute.map(date)) {
            ReviewOpinions.RecommenderOpinion(
                recommender: $0.recommender, decision: $0.decision, recordedAt: date($0.minute))
        }
    }

    static func date(_ minute: Int) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }

    @Test("the latest round's opinions, one per recommender, never a return")
    func latestRound() {
        let county1 = Line(recommender: "县", decision: .recommend, minute: 1)
        let cityReturn = Line(recommender: "市", decision: .return, minute: 2)
        let county2 = Line(recommender: "县", decision: .recommend, minute: 4)
        let city2 = Line(recommender: "市", decision: .recommend, minute: 5)
        let lines = [county1, cityReturn, county2, city2]
        #expect(Self.final(lines, submittedAt: 3) == [county2, city2])
        // Without a submission time (old data) the last of each recommender, still no return.
        #expect(Self.final(lines, submittedAt: nil) == [county2, city2])
        #expect(Self.final([county1, cityReturn], submittedAt: nil) == [county1])
        // A returned draft's round is over: nothing prints.
        #expect(Self.final(lines, status: .draft, submittedAt: 3) == [])
        // A refusal is a final opinion and prints.
        let refused = Line(recommender: "市", decision: .reject, minute: 6)
        #expect(Self.final(lines + [refused], status: .rejected, submittedAt: 3) == [county2, refused])
    }

    @Test(
        "the province's box: blank before publication and for what the meeting never decided",
        arguments: [
            (false, ApplicationStatus.approved, true, 150_000, nil),
            (true, .approved, true, 150_000, "立项，资助金额15万元。"),
            (true, .approved, true, 125_000, "立项，资助金额12.5万元。"),
            (true, .notFunded, true, nil, "不予立项。"),
            (true, .notFunded, false, nil, nil),
            (true, .rejected, false, nil, nil),
            (false, .inNotice, true, 80_000, nil),
        ] as [(Bool, ApplicationStatus, Bool, Int?, String?)])
    func provinceBox(published: Bool, status: ApplicationStatus, decided: Bool, amount: Int?, text: String?) {
        #expect(
            ReviewOpinions.provinceDecision(published: published, status: status, decided: decided, amountYuan: amount)
                == text)
    }

    @Test("the forms' edition from the call, the call's February when a stored call has none")
    func edition() throws {
        var call = try CallDefinition.guide2025()
        #expect(call.formEditionLabel == "2025年2月")
        call.formEdition = "2026-03"
        #expect(call.formEditionLabel == "2026年3月")
        call.formEdition = nil
        call.year = 2026
        #expect(call.formEditionLabel == "2026年2月")
        call.formEdition = "2026-13"
        #expect(call.formEditionLabel == "2026年2月")
    }
}
