import Testing

@testable import ShenbaoCore

@Suite struct OpinionTests {
    static let long = String(repeating: "意", count: Opinion.maximumLength + 1)

    /// Every opinion: what a clerk typing nothing, blanks, too much or a fine text is told.
    @Test(
        arguments: [
            (Opinion.recommendation, nil, true, "required:comment:请填写推荐单位意见"),
            (.recommendation, "  \n ", true, "required:comment:请填写推荐单位意见"),
            (.recommendation, " 同意推荐 ", true, "同意推荐"),
            (.intake, nil, false, ""),
            (.intake, nil, true, "required:comment:请填写退回或不予受理的理由"),
            (.review, nil, true, "required:comment:请填写评审意见"),
            (.finance, "", false, ""),
            (.finance, nil, true, "required:comment:请填写核减理由"),
            (.sanction, nil, true, "required:reason:请填写处理事由（弄虚作假的事实）"),
            (.objectionResolution, nil, true, "required:comment:请填写处理意见（核查情况）"),
            (.review, long, true, "tooLong:comment:评审意见不能超过2000个字，当前为2001个字"),
            (.intake, long, false, "tooLong:comment:退回或不予受理的理由不能超过2000个字，当前为2001个字"),
            (.sanction, long, true, "tooLong:reason:处理事由（弄虚作假的事实）不能超过2000个字，当前为2001个字"),
        ] as [(Opinion, String?, Bool, String)])
    func check(opinion: Opinion, value: String?, required: Bool, expected: String) {
        let (text, problems) = opinion.check(value, required: required)
        let said = problems.map { "\($0.code):\($0.field):\($0.message)" }.joined(separator: "|")
        #expect((problems.isEmpty ? text : said) == expected)
    }

    @Test func twoThousandCharactersAreAllowed() {
        let text = String(repeating: "意", count: Opinion.maximumLength)
        #expect(Opinion.review.check(text).problems.isEmpty)
    }
}

@Suite struct RecommenderStandingTests {
    static let today = Day("2026-03-01")!

    @Test(
        arguments: [
            (nil, true, ""),
            ("2026-02-28", true, ""),
            ("2026-03-01", true, "sanctioned"),
            ("2028-05-10", true, "sanctioned"),
            (nil, false, "deactivated"),
            ("2028-05-10", false, "sanctioned,deactivated"),
        ] as [(String?, Bool, String)])
    func standing(sanctionedUntil: String?, active: Bool, expected: String) {
        let facts = RecommenderFacts(
            kind: .city, divisionCode: "430100", sanctionedUntil: sanctionedUntil.flatMap(Day.init), active: active)
        let recommending = RecommenderStanding.recommendingProblems(facts, today: Self.today)
        let receiving = RecommenderStanding.receivingProblems(facts, name: "长沙市科协", today: Self.today)
        #expect(recommending.map(\.code).joined(separator: ",") == expected)
        #expect(receiving.map(\.code).joined(separator: ",") == expected)
        #expect(recommending.allSatisfy { $0.field == "decision" })
        #expect(receiving.allSatisfy { $0.field == "forwardToId" && $0.message.hasPrefix("长沙市科协") })
        if let until = sanctionedUntil.flatMap(Day.init), until >= Self.today {
            #expect(recommending.first?.message.contains(until.chinese) == true)
        }
    }
}

@Suite struct StatusGroupTests {
    /// Each status and the groups it belongs to: on the chain (C), assignable (A), before the
    /// decision (B), reached review (R), ranked (K), ended early (E), not sent (N).
    @Test(
        arguments: [
            (ApplicationStatus.draft, "N"), (.atRecommender, "C"), (.atProvince, "C"), (.accepted, "ABR"),
            (.inReview, "ABRK"), (.reviewed, "BRK"), (.funded, "RK"), (.notFunded, "RK"), (.inNotice, "RK"),
            (.approved, "RK"), (.rejected, "E"), (.withdrawn, "EN"),
        ])
    func groups(status: ApplicationStatus, expected: String) {
        let groups: [(Character, Set<ApplicationStatus>)] = [
            ("C", ApplicationStatus.onTheChain), ("A", ApplicationStatus.assignable),
            ("B", ApplicationStatus.beforeDecision), ("R", ApplicationStatus.reachedReview),
            ("K", ApplicationStatus.ranked), ("E", ApplicationStatus.endedEarly), ("N", ApplicationStatus.notSent),
        ]
        #expect(String(groups.filter { $0.1.contains(status) }.map(\.0)) == expected)
    }

    /// The groups agree with the transition table: what is on the chain is what recommenders
    /// and the province's intake act on, and the early ends are final.
    @Test func groupsAgreeWithTheTransitionTable() {
        let chain = Set(
            Workflow.table.filter { [.recommendToCity, .recommendToProvince, .accept].contains($0.action) }.map(\.from))
        #expect(chain == ApplicationStatus.onTheChain)
        #expect(ApplicationStatus.endedEarly.allSatisfy { $0.isFinal })
        let assignable = Set(Workflow.table.filter { [.startReview, .completeReview].contains($0.action) }.map(\.from))
        #expect(assignable == ApplicationStatus.assignable)
    }
}
