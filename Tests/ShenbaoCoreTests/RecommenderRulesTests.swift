import Testing

@testable import ShenbaoCore

@Suite("推荐单位的新增、修改和移交")
struct RecommenderRulesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String?
        var kind: String?
        var division: String?
        /// The codes of the problems, in order; empty when the form is right.
        var codes: [String]
        var testDescription: String { "\(name ?? "nil") / \(kind ?? "nil") / \(division ?? "nil")" }
    }

    static let cases: [Case] = [
        Case(name: "湖南省计算机学会", kind: "provincialSociety", division: nil, codes: []),
        Case(name: "湖南省计算机学会", kind: "省级学会", division: nil, codes: []),
        Case(name: "湖南省计算机学会", kind: "省级学会(协会、研究会)", division: nil, codes: []),
        Case(name: "中国自动化学会", kind: "全国学会", division: "110000", codes: []),
        Case(name: "中南大学科协", kind: " 高校科协 ", division: "430100", codes: []),
        Case(name: "长沙经开区科协", kind: "企业(园区)科协", division: nil, codes: []),
        Case(name: "岳麓区科学技术协会", kind: "county", division: "430104", codes: []),
        Case(name: "岳麓区科学技术协会", kind: "县（市、区）科协", division: "４３０１０４", codes: []),
        Case(name: "长沙市科学技术协会", kind: "市州科协", division: "430100", codes: []),
        Case(name: "湘西州科协", kind: "city", division: "433100", codes: []),
        // Territorial kinds need their division, of the right level.
        Case(name: "岳麓区科学技术协会", kind: "county", division: nil, codes: ["required"]),
        Case(name: "岳麓区科学技术协会", kind: "county", division: "430100", codes: ["notCounty"]),
        Case(name: "朝阳区科协", kind: "county", division: "110105", codes: ["notCounty"]),
        Case(name: "长沙市科学技术协会", kind: "city", division: nil, codes: ["required"]),
        Case(name: "长沙市科学技术协会", kind: "city", division: "430104", codes: ["notCity"]),
        Case(name: "北京市科协", kind: "city", division: "110000", codes: ["notCity"]),
        Case(name: "长沙市科学技术协会", kind: "city", division: "4301", codes: ["invalidFormat"]),
        // Others may name a division, but it is still a code.
        Case(name: "中国自动化学会", kind: "nationalSociety", division: "北京", codes: ["invalidFormat"]),
        // Name and kind.
        Case(name: "  ", kind: "provincialSociety", division: nil, codes: ["required"]),
        Case(name: String(repeating: "学", count: 101), kind: "university", division: nil, codes: ["tooLong"]),
        Case(name: "湖南省某学会", kind: nil, division: nil, codes: ["required"]),
        Case(name: "湖南省某学会", kind: "乡镇科协", division: nil, codes: ["invalidValue"]),
        Case(name: nil, kind: nil, division: "abc", codes: ["required", "required", "invalidFormat"]),
    ]

    @Test(arguments: cases)
    func form(_ example: Case) {
        let found = RecommenderRules.problems(
            in: RecommenderForm(name: example.name, kind: example.kind, divisionCode: example.division),
            divisions: .hunan)
        #expect(found.map(\.code) == example.codes)
        // Every message is Chinese and names what to write.
        #expect(found.allSatisfy { $0.message.unicodeScalars.contains { $0.value >= 0x4E00 } })
    }

    @Test func problemsNameTheRowOfAnImport() {
        let found = RecommenderRules.problems(
            in: RecommenderForm(name: nil, kind: "county", divisionCode: "430100"), divisions: .hunan, prefix: "rows[3]"
        )
        #expect(found.map(\.field) == ["rows[3].name", "rows[3].divisionCode"])
        #expect(found.last?.message.contains("长沙市") == true)
        #expect(found.last?.message.contains("行政区划代码") == true)
    }

    @Test func anUnknownKindListsTheKnownOnes() {
        let found = RecommenderRules.problems(
            in: RecommenderForm(name: "某单位", kind: "乡镇科协"), divisions: .hunan)
        #expect(found.first?.message.contains("乡镇科协") == true)
        #expect(found.first?.message.contains("全国学会") == true)
    }

    @Test func kindsAreReadFromCodesLabelsAndCommonSpellings() {
        for kind in RecommenderKind.allCases {
            #expect(RecommenderRules.kind(named: kind.rawValue) == kind)
            #expect(RecommenderRules.kind(named: kind.label) == kind)
        }
        #expect(RecommenderRules.kind(named: "县市区科协") == .county)
        #expect(RecommenderRules.kind(named: "企业（园区） 科协") == .enterprise)
        #expect(RecommenderRules.kind(named: "") == nil)
        #expect(RecommenderRules.kind(named: "学会") == nil)
    }

    @Test func aReasonIsRequiredAndBounded() {
        #expect(RecommenderRules.reasonProblems(" ", label: "停用原因").map(\.code) == ["required"])
        #expect(RecommenderRules.reasonProblems(" ", label: "停用原因").first?.message == "请填写停用原因")
        #expect(
            RecommenderRules.reasonProblems(String(repeating: "因", count: 501), label: "停用原因").map(\.code) == [
                "tooLong"
            ])
        #expect(RecommenderRules.reasonProblems("机构撤并", label: "停用原因").isEmpty)
    }

    // MARK: - Handover

    static let day = Day(year: 2025, month: 6, day: 1)!

    struct HandoverCase: CustomTestStringConvertible, Sendable {
        var from: RecommenderKind
        var to: RecommenderKind?
        var active = true
        var sanctionedUntil: Day? = nil
        var same = false
        var codes: [String]
        var testDescription: String { "\(from) → \(to.map(\.rawValue) ?? "nil") \(codes)" }
    }

    static let handovers: [HandoverCase] = [
        HandoverCase(from: .county, to: .city, codes: []),
        HandoverCase(from: .county, to: .county, codes: []),
        HandoverCase(from: .provincialSociety, to: .university, codes: []),
        HandoverCase(from: .enterprise, to: .provincialSociety, codes: []),
        HandoverCase(from: .nationalSociety, to: .nationalSociety, codes: []),
        HandoverCase(from: .nationalSociety, to: .provincialSociety, codes: ["otherRoute"]),
        HandoverCase(from: .county, to: .provincialSociety, codes: ["otherRoute"]),
        HandoverCase(from: .university, to: .city, codes: ["otherRoute"]),
        HandoverCase(from: .city, to: .city, active: false, codes: ["deactivated"]),
        HandoverCase(from: .city, to: .city, sanctionedUntil: Day(year: 2027, month: 1, day: 1), codes: ["sanctioned"]),
        HandoverCase(from: .city, to: .city, sanctionedUntil: Day(year: 2025, month: 5, day: 31), codes: []),
        HandoverCase(from: .city, to: .city, same: true, codes: ["sameOrganization"]),
        HandoverCase(from: .city, to: nil, codes: ["required"]),
    ]

    @Test(arguments: handovers)
    func handover(_ example: HandoverCase) throws {
        let target = example.to.map {
            RecommenderFacts(kind: $0, sanctionedUntil: example.sanctionedUntil, active: example.active)
        }
        let found = RecommenderHandover.problems(
            from: RecommenderFacts(kind: example.from), to: target, sameOrganization: example.same,
            routes: try CallDefinition.guide2025().recommenderKinds, today: Self.day)
        #expect(found.map(\.code) == example.codes)
        #expect(found.allSatisfy { $0.field == "targetId" })
    }

    @Test func aHandoverKeepsToTheApplicantsTerritory() {
        let yuelu = ApplicantFacts(divisionCode: "430104")
        let changsha = RecommenderFacts(kind: .city, divisionCode: "430100")
        let zhuzhou = RecommenderFacts(kind: .city, divisionCode: "430200")
        let society = RecommenderFacts(kind: .provincialSociety)
        func problem(_ target: RecommenderFacts) -> Problem? {
            RecommenderHandover.territoryProblem(
                applicant: yuelu, projectName: "中德研讨会", target: target, targetName: "株洲市科学技术协会",
                divisions: .hunan, today: Self.day)
        }
        #expect(problem(changsha) == nil)
        #expect(problem(society) == nil)
        let refused = problem(zhuzhou)
        #expect(refused?.code == "outsideTerritory")
        #expect(refused?.message.contains("中德研讨会") == true)
        #expect(refused?.message.contains("长沙市 岳麓区") == true)
    }

    @Test func aDeactivatedRecommenderReceivesNothing() {
        let found = RecommendationRoute.problems(
            applicant: ApplicantFacts(divisionCode: "430104"),
            recommender: RecommenderFacts(kind: .provincialSociety, active: false), today: Self.day, divisions: .hunan)
        #expect(found.map(\.code) == ["deactivated"])
        #expect(found.first?.message.contains("已停用") == true)
    }
}
