import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Review plan, assignment and scoring")
struct ReviewPlanAndAssignmentTests {
    @Test("the plan needs 100 points and finance's approval; a change needs a new approval; review freezes it")
    func planLifecycle() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            struct View: Decodable { var state: String; var frozen: Bool; var plan: Plan }
            struct Plan: Decodable { var criteria: [Criterion]; var expertsPerApplication: Int }
            let empty = try await app.api(.GET, "/api/v1/calls/2025/review-plan", token: finance)
                .content.decode(View.self)
            #expect(empty.state == "none")
            #expect(empty.plan.criteria.reduce(0) { $0 + $1.maxPoints } == 100)
            #expect(empty.plan.expertsPerApplication == 5)

            struct Bad: Encodable {
                var criteria = [
                    Criterion(code: "a", name: "意义", maxPoints: 60), Criterion(code: "a", name: "", maxPoints: 30),
                ]
                var expertsPerApplication = 0
                var priorityRule = "bonus"
            }
            let bad = try await app.api(.PUT, "/api/v1/calls/2025/review-plan", token: province, json: Bad())
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.fields.isSuperset(of: [
                    "criteria", "criteria[1].code", "criteria[1].name", "expertsPerApplication", "priorityBonusMax",
                ]))
            #expect(bad.problems?.errors.contains { $0.message.contains("合计应为100分，现为90分") } == true)

            let early = try await app.api(.POST, "/api/v1/calls/2025/review-plan/approve", token: finance)
            #expect(early.status == .conflict)
            try await ReviewFixtures.approvedPlan(app, province: province, finance: finance)
            let twice = try await app.api(.POST, "/api/v1/calls/2025/review-plan/approve", token: finance)
            #expect(twice.status == .conflict)
            #expect(twice.problems?.error.message.contains("无需重复审核") == true)
            // The province cannot co-sign for finance.
            #expect(
                try await app.api(.POST, "/api/v1/calls/2025/review-plan/approve", token: province).status == .forbidden
            )

            let changed = try await app.api(
                .PUT, "/api/v1/calls/2025/review-plan", token: province,
                json: ReviewFixtures.Plan(expertsPerApplication: 2))
            #expect(try changed.content.decode(View.self).state == "pendingApproval")
            // Finance is told there is something to approve.
            #expect(try await NotificationModel.query(on: app.db).filter(\.$title ~~ "评审方案待审核").count() == 2)
        }
    }

    @Test("assignment never gives a conflict, hand changes are checked, experts see only their own and score once")
    func assignmentAndScoring() async throws {
        try await withShenbao { app in
            // Before the plan's review deadline (2025-08-31): scores are refused after it.
            app.now = { beijing("2025-08-20 10:00") }
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南甲科技有限公司")
            let applicationID = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中德研讨会", organization: applicant, recommender: county)
            // Three experts with a conflict each, three free ones.
            let ownOrg = try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: ReviewFixtures.Expert(name: "同单位", organizationName: "湖南甲科技有限公司", username: "same"))
            let recommenderOrg = try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: ReviewFixtures.Expert(name: "推荐单位", organizationName: "岳麓区科学技术协会", username: "rec"))
            let declared = try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: ReviewFixtures.Expert(
                    name: "申明回避", organizationName: "某研究院", conflictOrganizationIds: [applicant.uuidString],
                    username: "decl"))
            let conflicted = try [ownOrg, recommenderOrg, declared].map {
                try $0.content.decode(ReviewFixtures.Created.self).id
            }
            let free = try await ReviewFixtures.experts(app, count: 4, province: province)

            let unapproved = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
            #expect(unapproved.status == .conflict)
            try await ReviewFixtures.approvedPlan(app, province: province, finance: finance)
            struct Pair: Decodable { var applicationId: UUID; var expertId: UUID }
            let pairs = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
                .content.decode([Pair].self)
            #expect(pairs.count == 3)
            #expect(pairs.allSatisfy { $0.applicationId == applicationID && free.contains($0.expertId) })

            // By hand: each conflict is refused with its reason; a free expert is taken.
            for (expert, words) in zip(conflicted, ["同一单位", "推荐单位", "利益关系"]) {
                let refused = try await app.api(
                    .POST, "/api/v1/calls/2025/assignments", token: province,
                    json: ["applicationId": applicationID.uuidString, "expertId": expert.uuidString])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.problems?.errors.first?.message.contains(words) == true)
            }
            let spare = try #require(free.first { id in !pairs.contains { $0.expertId == id } })
            let added = try await app.api(
                .POST, "/api/v1/calls/2025/assignments", token: province,
                json: ["applicationId": applicationID.uuidString, "expertId": spare.uuidString])
            #expect(added.status == .created)
            let start = try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province)
            #expect(start.status == .ok)
            #expect(try await ApplicationModel.find(applicationID, on: app.db)?.status == .inReview)
            // Frozen now.
            let frozen = try await app.api(
                .PUT, "/api/v1/calls/2025/review-plan", token: province, json: ReviewFixtures.Plan())
            #expect(frozen.status == .conflict)

            // The experts: each sees their own one review, never another's.
            let reviews = try await ReviewModel.query(on: app.db).with(\.$expert).all()
            let first = try #require(reviews.first)
            let second = try #require(reviews.last)
            let firstToken = try await app.apiToken(
                try #require(try await UserModel.find(first.expert.userID, on: app.db)).username)
            let mine = try await app.api(.GET, "/api/v1/reviews", token: firstToken).content.decode([ReviewRow].self)
            #expect(mine.map(\.id) == [first.id])
            #expect(try await app.api(.GET, "/api/v1/reviews/\(second.id!)", token: firstToken).status == .notFound)

            // Out of range and unknown criteria are named; a draft may be partial; submit is once.
            struct Scores: Encodable {
                var scores: [String: Int]
                var comment: String?
                var recommendation: String?
                var suggestedAmountYuan: Int?
                var submit: Bool?
            }
            let wrong = try await app.api(
                .PUT, "/api/v1/reviews/\(first.id!)", token: firstToken,
                json: Scores(scores: ["significance": 25, "luck": 3]))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.fields == ["scores.significance", "scores.luck"])
            let draft = try await app.api(
                .PUT, "/api/v1/reviews/\(first.id!)", token: firstToken, json: Scores(scores: ["significance": 18]))
            #expect(try draft.content.decode(ReviewRow.self).status == "draft")
            let incomplete = try await app.api(
                .PUT, "/api/v1/reviews/\(first.id!)", token: firstToken,
                json: Scores(scores: ["significance": 18], submit: true))
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.fields.isSuperset(of: ["scores.budget", "comment", "recommendation"]))
            let full = Scores(
                scores: [
                    "significance": 18, "internationalization": 17, "trackRecord": 12, "feasibility": 16,
                    "expectedResults": 13, "budget": 8,
                ], comment: "合作基础扎实", recommendation: "fund", suggestedAmountYuan: 120_000, submit: true)
            let submitted = try await app.api(.PUT, "/api/v1/reviews/\(first.id!)", token: firstToken, json: full)
            let body = try submitted.content.decode(ReviewRow.self)
            #expect(body.status == "submitted")
            #expect(body.total == 84)
            let again = try await app.api(.PUT, "/api/v1/reviews/\(first.id!)", token: firstToken, json: full)
            #expect(again.status == .conflict)

            // The second expert declares a conflict: the pair is dropped and nobody is left
            // (the free four are all on it), so the province is told to assign by hand.
            let secondToken = try await app.apiToken(
                try #require(try await UserModel.find(second.expert.userID, on: app.db)).username)
            let decline = try await app.api(
                .PUT, "/api/v1/reviews/\(second.id!)", token: secondToken,
                json: ["conflictDeclared": true] as [String: Bool])
            #expect(try decline.content.decode(ReviewRow.self).status == "declined")
            #expect(try await NotificationModel.query(on: app.db).filter(\.$title ~~ "申明回避").count() == 1)
            #expect(try await NotificationModel.query(on: app.db).filter(\.$body ~~ "请手工指派").count() == 1)
            // Completing waits for the two experts who have not submitted.
            let early = try await app.api(.POST, "/api/v1/calls/2025/review/complete", token: province)
            #expect(early.status == .unprocessableEntity)
            #expect(early.problems?.errors.first?.message.contains("还有2位专家未提交") == true)
        }
    }

    @Test("a declared conflict hands the application to the least loaded free expert")
    func declineReassigns() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南乙科技有限公司")
            try await ReviewFixtures.accepted(
                app, category: .cooperation, name: "中法合作", organization: applicant, recommender: county)
            let experts = try await ReviewFixtures.experts(app, count: 4, province: province)
            try await ReviewFixtures.approvedPlan(app, province: province, finance: finance)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            let assigned = try await ReviewModel.query(on: app.db).with(\.$expert).all()
            let spare = try #require(experts.first { id in !assigned.contains { $0.$expert.id == id } })
            let leaving = try #require(assigned.first)
            let token = try await app.apiToken(
                try #require(try await UserModel.find(leaving.expert.userID, on: app.db)).username)
            let decline = try await app.api(
                .PUT, "/api/v1/reviews/\(leaving.id!)", token: token, json: ["conflictDeclared": true] as [String: Bool]
            )
            #expect(decline.status == .ok)
            let active = try await ReviewModel.query(on: app.db).filter(\.$status != .declined).all().map {
                $0.$expert.id
            }
            #expect(active.count == 3)
            #expect(active.contains(spare))
            #expect(!active.contains(leaving.$expert.id))
        }
    }

    @Test("with too few experts the assignment says which project lacks how many, and assigns nothing")
    func impossibleAssignment() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南丙科技有限公司")
            try await ReviewFixtures.accepted(
                app, category: .conference, name: "中日论坛", organization: applicant, recommender: county)
            _ = try await ReviewFixtures.experts(app, count: 3, province: province)
            try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: ReviewFixtures.Expert(name: "同单位", organizationName: "湖南丙科技有限公司", username: "same"))
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 4))
            let refused = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.errors.first?.message == "“中日论坛”只有3位无回避关系的专家，需要4位")
            #expect(try await ReviewModel.query(on: app.db).count() == 0)
        }
    }

    @Test("each category is reviewed by its own panel; a panel smaller than the plan asks is refused")
    func panels() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南己科技有限公司")
            let conference = try await ReviewFixtures.accepted(
                app, category: .conference, name: "会议", organization: applicant, recommender: county)
            let cooperation = try await ReviewFixtures.accepted(
                app, category: .cooperation, name: "合作", organization: applicant, recommender: county)
            let experts = try await ReviewFixtures.experts(app, count: 4, province: province)
            struct Plan: Encodable {
                var expertsPerApplication = 2
                var panels: [String: [UUID]]
            }
            let small = try await app.api(
                .PUT, "/api/v1/calls/2025/review-plan", token: province,
                json: Plan(panels: ["conference": [experts[0]], "cooperation": [experts[2], experts[3]]]))
            #expect(small.status == .unprocessableEntity)
            #expect(small.fields == ["panels.conference"])
            #expect(small.problems?.errors.first?.message == "国际科技交流会议项目评审组只有1位专家，少于每个项目的2位")
            let set = try await app.api(
                .PUT, "/api/v1/calls/2025/review-plan", token: province,
                json: Plan(panels: ["conference": [experts[0], experts[1]], "cooperation": [experts[2], experts[3]]]))
            #expect(set.status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review-plan/approve", token: finance).status == .ok)
            // Experts are assigned from 形式审查 on.
            try await ReviewFixtures.inPhase(app, .intake)
            struct Pair: Decodable { var applicationId: UUID; var expertId: UUID }
            let pairs = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
                .content.decode([Pair].self)
            #expect(Set(pairs.filter { $0.applicationId == conference }.map(\.expertId)) == [experts[0], experts[1]])
            #expect(Set(pairs.filter { $0.applicationId == cooperation }.map(\.expertId)) == [experts[2], experts[3]])
            let offPanel = try await app.api(
                .POST, "/api/v1/calls/2025/assignments", token: province,
                json: ["applicationId": conference.uuidString, "expertId": experts[3].uuidString])
            #expect(offPanel.problems?.errors.first?.message == "该专家不在国际科技交流会议项目评审组")
        }
    }
}
