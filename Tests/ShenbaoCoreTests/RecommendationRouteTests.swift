import Testing

@testable import ShenbaoCore

private let today = Day(year: 2025, month: 6, day: 1)!

private func problems(
    applicant division: String?, kind: RecommenderKind, recommender recommenderDivision: String? = nil,
    sanctionedUntil: Day? = nil, on day: Day = today
) -> [Problem] {
    RecommendationRoute.problems(
        applicant: ApplicantFacts(divisionCode: division, applicantKind: "provincialInstitution"),
        recommender: RecommenderFacts(
            kind: kind, divisionCode: recommenderDivision, sanctionedUntil: sanctionedUntil),
        today: day, divisions: .hunan)
}

@Suite("推荐渠道")
struct RecommendationRouteTests {
    @Test func yueluApplicantToYueluAssociation() {
        #expect(problems(applicant: "430104", kind: .county, recommender: "430104") == [])
    }

    @Test func yueluApplicantToFuronAssociationIsRefused() {
        let found = problems(applicant: "430104", kind: .county, recommender: "430102")
        #expect(found.map(\.code) == ["outsideTerritory"])
        #expect(found.first?.field == "recommenderId")
        #expect(found.first?.message.contains("芙蓉区") == true)
        #expect(found.first?.message.contains("岳麓区") == true)
    }

    @Test func yueluApplicantToChangshaAssociation() {
        #expect(problems(applicant: "430104", kind: .city, recommender: "430100") == [])
    }

    @Test func changshaApplicantToChangshaAssociation() {
        #expect(problems(applicant: "430100", kind: .city, recommender: "430100") == [])
    }

    @Test func changshaApplicantToYueluAssociationIsRefused() {
        #expect(problems(applicant: "430100", kind: .county, recommender: "430104").map(\.code) == ["outsideTerritory"])
    }

    @Test func yueluApplicantToZhuzhouAssociationIsRefused() {
        let found = problems(applicant: "430104", kind: .city, recommender: "430200")
        #expect(found.map(\.code) == ["outsideTerritory"])
        #expect(found.first?.message.contains("株洲市") == true)
    }

    @Test(
        "non-territorial recommenders receive anyone",
        arguments: [RecommenderKind.provincialSociety, .university, .enterprise, .nationalSociety])
    func nonTerritorial(kind: RecommenderKind) {
        #expect(problems(applicant: "430104", kind: kind) == [])
        #expect(problems(applicant: "431202", kind: kind, recommender: "430100") == [])
        #expect(problems(applicant: "110000", kind: kind) == [])
        #expect(problems(applicant: nil, kind: kind) == [])
    }

    @Test("territorial recommenders refuse applicants outside Hunan", arguments: [RecommenderKind.county, .city])
    func outsideHunan(kind: RecommenderKind) {
        let recommender = kind == .county ? "430104" : "430100"
        #expect(problems(applicant: "110000", kind: kind, recommender: recommender).map(\.code) == ["outsideTerritory"])
        #expect(problems(applicant: nil, kind: kind, recommender: recommender).map(\.code) == ["outsideTerritory"])
    }

    @Test func territorialRecommenderWithoutDivisionReceivesNothing() {
        #expect(
            problems(applicant: "430104", kind: .city).map(\.code) == ["recommenderWithoutDivision"])
    }

    @Test func sanctionedRecommenderIsRefusedUntilTheDayAfter() throws {
        let until = try #require(Day("2028-05-31"))
        for day in ["2025-06-01", "2028-05-30", "2028-05-31"] {
            let found = problems(
                applicant: "430104", kind: .university, sanctionedUntil: until, on: try #require(Day(day)))
            #expect(found.map(\.code) == ["sanctioned"], "on \(day)")
            #expect(found.first?.message.contains("2028年5月31日") == true)
            #expect(found.first?.message.contains("其他推荐渠道") == true)
        }
        let dayAfter = try #require(Day("2028-06-01"))
        #expect(problems(applicant: "430104", kind: .university, sanctionedUntil: until, on: dayAfter) == [])
    }

    @Test func sanctionAndTerritoryAreBothReported() throws {
        let found = problems(
            applicant: "430104", kind: .city, recommender: "430200", sanctionedUntil: try #require(Day("2027-01-01")))
        #expect(found.map(\.code) == ["sanctioned", "outsideTerritory"])
    }

    @Test func aCountySendsToItsCity() {
        let yuelu = RecommenderFacts(kind: .county, divisionCode: "430104")
        #expect(RecommendationRoute.next(after: yuelu, divisions: .hunan) == .city("430100"))
        let xiangxi = RecommenderFacts(kind: .county, divisionCode: "433101")
        #expect(RecommendationRoute.next(after: xiangxi, divisions: .hunan) == .city("433100"))
        let unknown = RecommenderFacts(kind: .county, divisionCode: "430199")
        #expect(RecommendationRoute.next(after: unknown, divisions: .hunan) == .city("430100"))
    }

    @Test(
        "the others send to the province",
        arguments: [RecommenderKind.city, .provincialSociety, .university, .enterprise, .nationalSociety])
    func othersToProvince(kind: RecommenderKind) {
        let recommender = RecommenderFacts(kind: kind, divisionCode: "430100")
        #expect(RecommendationRoute.next(after: recommender, divisions: .hunan) == .province)
    }
}
