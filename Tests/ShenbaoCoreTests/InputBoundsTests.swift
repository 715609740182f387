import Foundation
import Testing

@testable import ShenbaoCore

@Suite struct InputBoundsTests {
    static let wanCases: [(String, Result<Int, WanAmount.Failure>)] = [
        ("5", .success(50_000)),
        ("3.5", .success(35_000)),
        ("12.3456", .success(123_456)),
        ("0.0001", .success(1)),
        ("1,200", .success(12_000_000)),
        ("5万元", .success(50_000)),
        (" 20 ", .success(200_000)),
        ("007", .success(70_000)),
        ("1e300", .failure(.notANumber)),
        ("12.34567", .failure(.notANumber)),
        ("-5", .failure(.notANumber)),
        ("5.", .failure(.notANumber)),
        (".5", .failure(.notANumber)),
        ("", .failure(.notANumber)),
        ("五", .failure(.notANumber)),
        ("１２", .failure(.notANumber)),
        ("10001", .failure(.outOfBounds)),
        ("99999999999999999999999", .failure(.outOfBounds)),
    ]

    @Test("万元 typed on a page is read into 元 without floating point, within bounds", arguments: wanCases)
    func wan(_ text: String, _ expected: Result<Int, WanAmount.Failure>) {
        #expect(WanAmount.yuan(text, within: InputBounds.amountYuan) == expected)
    }

    @Test("an amount out of bounds names its field and the range in 万元")
    func wanProblem() {
        guard case .problem(let problem) = WanAmount.parse("1e300", within: 1...100, field: "budget", label: "预算")
        else {
            Issue.record("1e300 was accepted")
            return
        }
        #expect(problem.field == "budget")
        #expect(problem.message == "预算应为以万元为单位的数字（最多四位小数），现为“1e300”")
        #expect(WanAmount.wanText(123_456) == "12.3456")
        #expect(WanAmount.wanText(50_000) == "5")
    }

    static let pathCases: [(String?, String?)] = [
        ("/applications?page=2", "/applications?page=2"),
        ("/review", "/review"),
        (nil, nil),
        ("", nil),
        ("https://evil.example/", nil),
        ("//evil.example/", nil),
        ("/\\evil.example", nil),
        ("/\t/evil.example", nil),
        ("/applications\r\nSet-Cookie: a=b", nil),
        ("/a b", nil),
        ("/a\u{3000}b", nil),
        ("/\u{202E}exe.pdf", nil),
        ("/\u{200B}x", nil),
        ("/\u{85}x", nil),
        ("/" + String(repeating: "a", count: 2000), nil),
    ]

    @Test("only a plain same-site path is a place to return to", arguments: pathCases)
    func localPath(_ raw: String?, _ expected: String?) {
        #expect(LocalPath.checked(raw) == expected)
    }

    static let nameCases: [(String, Int, String)] = [
        ("短名.pdf", 80, "短名.pdf"),
        (String(repeating: "长", count: 100) + ".docx", 80, String(repeating: "长", count: 75) + ".docx"),
        (String(repeating: "a", count: 100), 80, String(repeating: "a", count: 80)),
        (String(repeating: "b", count: 90) + ".pdf", 10, "bbbbbb.pdf"),
    ]

    @Test("a shortened file name keeps its extension", arguments: nameCases)
    func shortened(_ name: String, _ limit: Int, _ expected: String) {
        #expect(FileNameText.shortened(name, to: limit) == expected)
    }

    @Test("direction overrides and zero-width marks are invisible characters")
    func invisible() {
        #expect(FileNameText.isInvisible("\u{202E}"))
        #expect(FileNameText.isInvisible("\u{200B}"))
        #expect(FileNameText.isInvisible("\u{2066}"))
        #expect(!FileNameText.isInvisible("扫"))
        #expect(!FileNameText.isInvisible("."))
    }

    @Test("a draft over any list's limit, or with an amount out of bounds, is refused whole with each problem")
    func draftProblems() {
        var form = ApplicationForm()
        #expect(ApplicationRules.draftProblems(form).isEmpty)
        form.partners = Array(repeating: Partner(name: "X", countryOrRegion: "DE"), count: 51)
        form.invitedExperts = Array(repeating: InvitedExpert(name: "X"), count: 201)
        form.delegationMembers = Array(repeating: DelegationMember(name: "X"), count: 101)
        form.phases = [Phase(budgetYuan: -1), Phase(budgetYuan: Int.max), Phase(budgetYuan: 100_000)]
        form.priorityClaims = Array(repeating: PriorityClaim(code: "x"), count: 21)
        form.fields = Choices(codes: Array(repeating: "x", count: 51))
        #expect(
            ApplicationRules.draftProblems(form).map(\.field) == [
                "partners", "invitedExperts", "delegationMembers", "priorityClaims", "fields", "phases[0].budgetYuan",
                "phases[1].budgetYuan",
            ])
    }

    /// Extreme integers, the values a hostile client tries first.
    static let extremes: [Int] = [
        Int.min, Int.min + 1, -1_000_000_000_000, -1, 0, 1, 99, 100, 101, 100_000_000, 100_000_001,
        Int(Int32.max), 1_000_000_000_000_000, Int.max - 1, Int.max,
    ]

    @Test("Core's rules take extreme and random numbers without trapping (a seeded fuzzing harness)")
    func extremeValuesNeverTrap() throws {
        var random = SplitMix64(seed: 2025)
        func pick() -> Int {
            Bool.random(using: &random)
                ? Self.extremes.randomElement(using: &random)! : Int.random(in: Int.min...Int.max, using: &random)
        }
        let call = try CallDefinition.guide2025()
        let categories: [ShenbaoCore.Category] = [.conference, .cooperation]
        for round in 0..<2000 {
            // A review plan, and an expert's scores against it.
            let criteria = (0..<Int.random(in: 0...4, using: &random)).map {
                Criterion(code: "c\($0)", name: "指标\($0)", maxPoints: pick())
            }
            let plan = ReviewPlan(
                criteria: criteria, expertsPerApplication: pick(),
                priorityRule: Bool.random(using: &random) ? .tieBreak : .bonus(max: pick()))
            _ = plan.problems()
            let scores = Dictionary(uniqueKeysWithValues: criteria.map { ($0.code, pick()) })
            _ = plan.problems(scores: scores)
            _ = plan.total(of: scores)

            // The meeting's decisions against the ranking's bounds.
            let candidates = (0..<Int.random(in: 1...6, using: &random)).map { index in
                Selection.Candidate(
                    applicationID: UUID(), category: categories[index % 2], rank: index + 1,
                    scoreHundredths: Int.random(in: 0...10_000, using: &random),
                    requestedYuan: Int.random(in: 0...InputBounds.amountYuan.upperBound, using: &random),
                    financeCapYuan: Bool.random(using: &random)
                        ? Int.random(in: 0...InputBounds.amountYuan.upperBound, using: &random) : nil)
            }
            let bounds = Selection.Bounds(
                call: call, totalBudgetYuan: Int.random(in: InputBounds.totalBudgetYuan, using: &random))
            let decisions = candidates.map {
                Selection.Decision(
                    applicationID: $0.applicationID, funded: Bool.random(using: &random), amountYuan: pick())
            }
            _ = Selection.problems(decisions: decisions, candidates: candidates, bounds: bounds)
            _ = Selection.suggest(candidates, bounds: bounds)

            // A draft with extreme budgets, judged as a draft and as a submission.
            var form = ApplicationForm()
            form.phases = (0..<Int.random(in: 0...3, using: &random)).map { _ in Phase(budgetYuan: pick()) }
            _ = ApplicationRules.draftProblems(form)
            _ = ApplicationRules.problems(in: form, category: categories[round % 2], call: call, attachments: [])
            _ = form.requestedYuan

            // Typed text: amounts, paths, days.
            let text =
                String(pick()) + (Bool.random(using: &random) ? ".\(Int.random(in: 0...99999, using: &random))" : "")
            _ = WanAmount.yuan(text, within: InputBounds.amountYuan)
            _ = WanAmount.yuan("-" + text, within: InputBounds.totalBudgetYuan)
            _ = LocalPath.checked("/" + text)
            _ = Day(String(pick()) + "-01-01")
        }
    }
}
