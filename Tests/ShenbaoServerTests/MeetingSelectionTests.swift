import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Ranking, finance opinions and the meeting's decisions")
struct MeetingSelectionTests {
    /// 5 conference and 9 cooperation applications, each scored by 5 experts; returns ids by name.
    static func reviewedCall(_ app: Application, province: String, finance: String) async throws -> [String: UUID] {
        let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
        var ids: [String: UUID] = [:]
        for index in 1...5 {
            let org = try await ReviewFixtures.organization(app, "会议单位\(index)")
            ids["C\(index)"] = try await ReviewFixtures.accepted(
                app, category: .conference, name: "C\(index)", organization: org, recommender: county,
                requestedYuan: 100_000 + index * 10_000)
        }
        for index in 1...9 {
            let org = try await ReviewFixtures.organization(app, "合作单位\(index)")
            ids["P\(index)"] = try await ReviewFixtures.accepted(
                app, category: .cooperation, name: "P\(index)", organization: org, recommender: county,
                requestedYuan: 200_000)
        }
        _ = try await ReviewFixtures.experts(app, count: 6, province: province)
        try await ReviewFixtures.approvedPlan(
            app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 5))
        #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
        #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
        // C1 is best: one expert's 40 is an outlier that the trimmed mean drops.
        for (name, id) in ids {
            let number = Int(name.dropFirst())!
            let reviews = try await ReviewModel.query(on: app.db).filter(\.$application.$id == id).all()
            for (offset, review) in reviews.enumerated() {
                let base = 95 - number * 3
                let total = name == "C1" && offset == 0 ? 40 : base + (offset % 2)
                try await ReviewFixtures.submit(app, review: review, total: total)
            }
        }
        let complete = try await app.api(.POST, "/api/v1/calls/2025/review/complete", token: province)
        #expect(complete.status == .ok, "\(complete.body.string)")
        return ids
    }

    struct Decision: Codable {
        var applicationId: UUID
        var funded: Bool
        var amountYuan: Int?
    }

    @Test(
        "the ranking trims one highest and one lowest, the suggestion keeps every bound, a bad set is refused rule by rule"
    )
    func rankingAndSelection() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let ids = try await Self.reviewedCall(app, province: province, finance: finance)

            let ranking = try await app.api(.GET, "/api/v1/calls/2025/ranking", token: finance)
                .content.decode([String: [RankingRow]].self)
            let conference = try #require(ranking["conference"])
            #expect(conference.map(\.projectName) == ["C1", "C2", "C3", "C4", "C5"])
            let best = try #require(conference.first)
            // Totals 40, 93, 92, 93, 92 (offsets 0–4): without 40 and one 93 → (92+93+92)/3.
            #expect(best.reviewCount == 5)
            #expect(best.score == 92.33)
            #expect(best.spread == 53)
            #expect(ranking["cooperation"]?.count == 9)

            struct Opinion: Encodable {
                var decision: String
                var amountYuan: Int?
                var comment: String
            }
            // Finance reduces P1 to 150,000 yuan; the suggestion follows it.
            let reduce = try await app.api(
                .PUT, "/api/v1/applications/\(ids["P1"]!)/finance-opinion", token: finance,
                json: Opinion(decision: "reduce", amountYuan: 150_000, comment: "差旅费偏高"))
            #expect(reduce.status == .ok, "\(reduce.body.string)")
            let notReduced = try await app.api(
                .PUT, "/api/v1/applications/\(ids["P2"]!)/finance-opinion", token: finance,
                json: Opinion(decision: "reduce", amountYuan: 250_000, comment: "x"))
            #expect(notReduced.fields == ["amountYuan"])

            struct Suggestion: Decodable {
                struct Item: Decodable {
                    var applicationId: UUID; var funded: Bool; var amountYuan: Int?; var reason: String;
                    var category: String
                }
                var suggestions: [Item]
                var fundedCount: Int
                var totalYuan: Int
            }
            let suggestion = try await app.api(.GET, "/api/v1/calls/2025/selection-suggestion", token: province)
                .content.decode(Suggestion.self)
            let funded = suggestion.suggestions.filter(\.funded)
            #expect(funded.filter { $0.category == "conference" }.count == 4)
            #expect(funded.filter { $0.category == "cooperation" }.count == 8)
            #expect(suggestion.totalYuan <= 3_000_000)
            #expect(funded.allSatisfy { (50_000...200_000).contains($0.amountYuan ?? 0) })
            let p1 = try #require(suggestion.suggestions.first { $0.applicationId == ids["P1"] })
            #expect(p1.amountYuan == 150_000)
            #expect(p1.reason.contains("按财务意见核减"))
            #expect(suggestion.suggestions.first { $0.applicationId == ids["C5"] }?.reason.contains("上限4项") == true)

            // A hand-made set breaking maximums is refused, naming each rule; nothing is recorded.
            var bad = ["C1", "C2", "C3", "C4", "C5"].map {
                Decision(applicationId: ids[$0]!, funded: true, amountYuan: 100_000)
            }
            bad.append(Decision(applicationId: ids["P1"]!, funded: true, amountYuan: 180_000))
            bad.append(Decision(applicationId: ids["P2"]!, funded: true, amountYuan: 210_000))
            let refused = try await app.api(.PUT, "/api/v1/calls/2025/decisions", token: province, json: bad)
            #expect(refused.status == .unprocessableEntity)
            let codes = Set(refused.problems?.errors.map(\.code) ?? [])
            #expect(
                codes.isSuperset(of: [
                    "categoryQuotaExceeded", "amountAboveFinanceCap", "amountAboveMaximum", "amountAboveRequest",
                ]))
            #expect(refused.problems?.errors.contains { $0.message.contains("“P1”") } == true)
            #expect(try await MeetingDecisionModel.query(on: app.db).count() == 0)

            // Fewer than the minimums is allowed, with warnings for the meeting.
            let few = [
                Decision(applicationId: ids["C1"]!, funded: true, amountYuan: 100_000),
                Decision(applicationId: ids["P3"]!, funded: false, amountYuan: nil),
            ]
            struct Recorded: Decodable {
                var warnings: [ErrorResponse.FieldProblem]; var fundedCount: Int; var confirmed: Bool
            }
            let recorded = try await app.api(.PUT, "/api/v1/calls/2025/decisions", token: province, json: few)
            #expect(recorded.status == .ok)
            let body = try recorded.content.decode(Recorded.self)
            #expect(Set(body.warnings.map(\.code)) == ["categoryQuotaShort", "totalQuotaShort"])
            #expect(body.warnings.contains { $0.message.contains("少于指南的3项") })

            // Confirming the minutes moves every ranked application through the table.
            let confirmed = try await app.api(.POST, "/api/v1/calls/2025/decisions/confirm", token: province)
            #expect(try confirmed.content.decode(Recorded.self).confirmed)
            #expect(try await ApplicationModel.find(ids["C1"]!, on: app.db)?.status == .funded)
            #expect(try await ApplicationModel.find(ids["C2"]!, on: app.db)?.status == .notFunded)
            #expect(try await ApplicationModel.find(ids["P3"]!, on: app.db)?.status == .notFunded)
            let twice = try await app.api(.POST, "/api/v1/calls/2025/decisions/confirm", token: province)
            #expect(twice.status == .conflict)
            struct Event: Decodable { var action: String; var comment: String? }
            let history = try await app.api(.GET, "/api/v1/applications/\(ids["C1"]!)/history", token: province)
                .content.decode([Event].self)
            #expect(history.map(\.action) == ["startReview", "completeReview", "decideFunded"])
            #expect(history.last?.comment == "会议审议拟资助10万元")

            // The meeting changes its mind: C2 funded too, C1 stays; confirmed again.
            let changed = few + [Decision(applicationId: ids["C2"]!, funded: true, amountYuan: 90_000)]
            #expect(
                try await app.api(.PUT, "/api/v1/calls/2025/decisions", token: province, json: changed).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/decisions/confirm", token: province).status == .ok)
            #expect(try await ApplicationModel.find(ids["C2"]!, on: app.db)?.status == .funded)
        }
    }

    @Test("decisions wait for the review to finish, and the budget is a hard limit")
    func budgetAndOrder() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            var ids: [UUID] = []
            for index in 1...3 {
                let org = try await ReviewFixtures.organization(app, "预算单位\(index)")
                ids.append(
                    try await ReviewFixtures.accepted(
                        app, category: .cooperation, name: "B\(index)", organization: org, recommender: county,
                        requestedYuan: 200_000))
            }
            _ = try await ReviewFixtures.experts(app, count: 1, province: province)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance,
                plan: ReviewFixtures.Plan(expertsPerApplication: 1, totalBudgetYuan: 300_000))
            #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            let decisions = ids.prefix(2).map { Decision(applicationId: $0, funded: true, amountYuan: 200_000) }
            let early = try await app.api(.PUT, "/api/v1/calls/2025/decisions", token: province, json: Array(decisions))
            #expect(early.status == .conflict)
            for review in try await ReviewModel.query(on: app.db).all() {
                try await ReviewFixtures.submit(app, review: review, total: 80)
            }
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/complete", token: province).status == .ok)
            let over = try await app.api(.PUT, "/api/v1/calls/2025/decisions", token: province, json: Array(decisions))
            #expect(over.status == .unprocessableEntity)
            #expect(over.problems?.errors.map(\.code) == ["budgetExceeded"])
            #expect(over.problems?.errors.first?.message == "资助金额合计40万元，超过总预算30万元")
            struct Suggestion: Decodable { var fundedCount: Int; var totalYuan: Int }
            let suggestion = try await app.api(.GET, "/api/v1/calls/2025/selection-suggestion", token: province)
                .content.decode(Suggestion.self)
            #expect(suggestion.fundedCount == 1)
            #expect(suggestion.totalYuan == 200_000)
        }
    }
}
