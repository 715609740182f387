import Testing

@testable import ShenbaoCore

@Suite struct DashboardTests {
    let call: CallDefinition

    init() throws { call = try CallDefinition.guide2025() }

    func group(_ dashboard: Dashboard, _ dimension: DashboardDimension) throws -> [Dashboard.Row] {
        try #require(dashboard.groups.first { $0.dimension == dimension }).rows
    }

    func row(_ rows: [Dashboard.Row], _ key: String) throws -> Dashboard.Row {
        try #require(rows.first { $0.key == key }, "no row \(key)")
    }

    @Test func countsAndAmountsAddUpPerCategoryAndLeaveDraftsOut() throws {
        let dashboard = Dashboard(
            [
                DashboardInput(category: .conference, status: .atRecommender, requestedYuan: 100_000),
                DashboardInput(category: .conference, status: .accepted, requestedYuan: 150_000),
                DashboardInput(category: .cooperation, status: .atProvince, requestedYuan: 200_000),
                DashboardInput(category: .cooperation, status: .draft, requestedYuan: 999_000),
            ], call: call)

        #expect(dashboard.applications == 3)
        #expect(dashboard.requestedYuan == 450_000)
        let categories = try group(dashboard, .category)
        #expect(categories.map(\.key) == ["conference", "cooperation"])
        #expect(try row(categories, "conference").count == 2)
        #expect(try row(categories, "conference").amountYuan == 250_000)
        #expect(try row(categories, "conference").label == "国际科技交流会议项目")
        #expect(try row(categories, "cooperation").count == 1)
        #expect(try row(categories, "cooperation").amountYuan == 200_000)
        #expect(dashboard.groups.map(\.dimension) == DashboardDimension.allCases)
    }

    @Test func anApplicationCountsInEachOfItsFieldsAndEveryFieldOfTheGuideIsListed() throws {
        let dashboard = Dashboard(
            [
                DashboardInput(
                    category: .conference, fieldCodes: ["newEnergy", "robotics"], status: .atProvince,
                    requestedYuan: 80_000),
                DashboardInput(
                    category: .cooperation, fieldCodes: ["robotics"], status: .accepted, requestedYuan: 50_000),
                DashboardInput(category: .cooperation, status: .accepted, requestedYuan: 70_000),
            ], call: call)

        let fields = try group(dashboard, .field)
        #expect(try row(fields, "robotics").count == 2)
        #expect(try row(fields, "robotics").amountYuan == 130_000)
        #expect(try row(fields, "robotics").label == "机器人")
        #expect(try row(fields, "newEnergy").count == 1)
        #expect(try row(fields, "biomedicine").count == 0)
        #expect(try row(fields, "").label == "未填写")
        #expect(fields.first?.key == "advancedManufacturing")  // the guide's order, not the counts'
        #expect(dashboard.groups.first { $0.dimension == .field }?.note != nil)
    }

    @Test func citiesAndRecommendersAreListedLargestFirstAndKindsByTheGuide() throws {
        func input(_ city: String?, _ name: String?, _ recommender: String, kind: String?) -> DashboardInput {
            DashboardInput(
                category: .conference, cityCode: city, cityName: name, applicantKind: kind,
                recommenderName: recommender, status: .atRecommender, requestedYuan: 100_000)
        }
        let dashboard = Dashboard(
            [
                input("430300", "湘潭市", "湘潭市科学技术协会", kind: "provincialInstitution"),
                input("430100", "长沙市", "岳麓区科学技术协会", kind: "provincialInstitution"),
                input("430100", "长沙市", "长沙市科学技术协会", kind: "nationalSociety"),
                input(nil, nil, "岳麓区科学技术协会", kind: nil),
            ], call: call)

        let cities = try group(dashboard, .city)
        #expect(cities.map(\.label) == ["长沙市", "未填写", "湘潭市"])
        #expect(cities.first?.count == 2)
        let recommenders = try group(dashboard, .recommender)
        #expect(recommenders.first?.label == "岳麓区科学技术协会")
        #expect(recommenders.first?.count == 2)
        let kinds = try group(dashboard, .applicantKind)
        #expect(kinds.first?.label == "国家级学会")
        #expect(try row(kinds, "provincialInstitution").count == 2)
        #expect(try row(kinds, "overseasTalentBase").count == 0)
        #expect(try row(kinds, "").label == "未填写")
    }

    @Test func statesAreThoseThatOccurInTheWorkflowsOrder() throws {
        let dashboard = Dashboard(
            [
                DashboardInput(category: .conference, status: .rejected),
                DashboardInput(category: .conference, status: .atRecommender),
                DashboardInput(category: .conference, status: .atRecommender),
            ], call: call)
        let states = try group(dashboard, .status)
        #expect(states.map(\.label) == ["待推荐单位审核", "未通过审核"])
        #expect(states.map(\.count) == [2, 1])
    }

    @Test func theFunnelCountsWhatPassedEachStageAndFundedAmountsFromTheMeeting() {
        let dashboard = Dashboard(
            [
                DashboardInput(category: .conference, status: .atRecommender, requestedYuan: 100_000),
                DashboardInput(category: .conference, status: .rejected, reachedProvince: true, requestedYuan: 100_000),
                DashboardInput(category: .conference, status: .withdrawn, requestedYuan: 100_000),
                DashboardInput(category: .conference, status: .inReview, requestedYuan: 100_000),
                DashboardInput(category: .conference, status: .notFunded, requestedYuan: 100_000),
                DashboardInput(category: .conference, status: .funded, requestedYuan: 200_000, fundedYuan: 150_000),
                DashboardInput(category: .conference, status: .approved, requestedYuan: 200_000, fundedYuan: 180_000),
                DashboardInput(category: .conference, status: .reporting, requestedYuan: 100_000, fundedYuan: 80_000),
                DashboardInput(
                    category: .conference, status: .acceptancePassed, requestedYuan: 100_000, fundedYuan: 70_000),
                DashboardInput(category: .conference, status: .closed, requestedYuan: 100_000, fundedYuan: 60_000),
                DashboardInput(
                    category: .conference, status: .closed, requestedYuan: 100_000, fundedYuan: 50_000,
                    passedAcceptance: true),
            ], call: call)

        #expect(dashboard.funnel.map(\.stage) == DashboardStage.allCases)
        #expect(dashboard.funnel.map(\.count) == [11, 9, 8, 7, 6, 5, 4, 2])
        #expect(dashboard.funnel[0].amountYuan == 1_300_000)
        #expect(dashboard.funnel[4].amountYuan == 590_000)
        #expect(dashboard.funnel[5].amountYuan == 440_000)
        // 执行中: the agreement confirmed, whether since passed, failed or closed.
        #expect(dashboard.funnel[6].amountYuan == 260_000)
        // 验收通过: passed, or closed after a pass.
        #expect(dashboard.funnel[7].amountYuan == 120_000)
        #expect(dashboard.fundedYuan == 590_000)
    }

    /// Every status, reached the province or not, alone and all together: no stage is passed by
    /// more applications than the one before it.
    @Test(arguments: [false, true])
    func theFunnelNeverWidens(reachedProvince: Bool) {
        let inputs = ApplicationStatus.allCases.map {
            DashboardInput(category: .cooperation, status: $0, reachedProvince: reachedProvince, requestedYuan: 50_000)
        }
        for input in inputs {
            let passed = DashboardStage.allCases.map { $0.isPassed(by: input) }
            #expect(passed == passed.sorted { $0 && !$1 }, "\(input.status)")
        }
        let counts = Dashboard(inputs, call: call).funnel.map(\.count)
        #expect(counts == counts.sorted(by: >))
        #expect(counts.first == ApplicationStatus.allCases.count - 1)  // every one but the draft
    }

    @Test func absurdAmountsSaturateInsteadOfTrapping() throws {
        let dashboard = Dashboard(
            [
                DashboardInput(category: .conference, status: .atProvince, requestedYuan: .max),
                DashboardInput(category: .conference, status: .atProvince, requestedYuan: .max),
            ], call: call)
        #expect(dashboard.requestedYuan == .max)
        #expect(try row(try group(dashboard, .category), "conference").amountYuan == .max)
    }

    @Test func nothingSubmittedGivesZerosNotMissingGroups() {
        let dashboard = Dashboard([], call: call)
        #expect(dashboard.applications == 0)
        #expect(dashboard.groups.count == DashboardDimension.allCases.count)
        #expect(dashboard.funnel.allSatisfy { $0.count == 0 })
    }
}
