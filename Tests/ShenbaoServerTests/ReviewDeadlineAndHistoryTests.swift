import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Review deadline, extensions, score history and reopening")
struct ReviewDeadlineAndHistoryTests {
    /// One application in review with two experts, each with a token; the plan's deadline is
    /// 2025-08-31 and the clock stands before it.
    struct Setup {
        var province: String
        var finance: String
        var reviews: [ReviewModel]
        var tokens: [String]
        var applicationID: UUID
    }

    static func setUp(_ app: Application) async throws -> Setup {
        app.now = { beijing("2025-08-20 10:00") }
        let province = try await ReviewFixtures.token(app, "hnkx", .province)
        let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
        let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
        let applicant = try await ReviewFixtures.organization(app, "湖南庚科技有限公司")
        let applicationID = try await ReviewFixtures.accepted(
            app, category: .conference, name: "中澳论坛", organization: applicant, recommender: county)
        _ = try await ReviewFixtures.experts(app, count: 2, province: province)
        try await ReviewFixtures.approvedPlan(
            app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 2))
        #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
        #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
        let reviews = try await ReviewModel.query(on: app.db).with(\.$expert).sort(\.$createdAt).all()
        var tokens: [String] = []
        for review in reviews {
            let user = try #require(try await UserModel.find(review.expert.userID, on: app.db))
            tokens.append(try await app.apiToken(user.username))
        }
        return Setup(
            province: province, finance: finance, reviews: reviews, tokens: tokens, applicationID: applicationID)
    }

    struct Input: Encodable {
        var scores: [String: Int] = [
            "significance": 18, "internationalization": 17, "trackRecord": 12, "feasibility": 16,
            "expectedResults": 13, "budget": 8,
        ]
        var comment: String? = "合作基础扎实"
        var recommendation: String? = "fund"
        var suggestedAmountYuan: Int? = 120_000
        var submit: Bool? = nil
    }

    struct Change: Decodable {
        struct Snapshot: Decodable {
            var scores: [String: Int]?
            var total: Int?
            var comment: String?
            var recommendation: String?
            var suggestedAmountYuan: Int?
        }
        var kind: String
        var actorName: String
        var before: Snapshot?
        var after: Snapshot
        var reason: String?
    }

    struct Extension: Decodable {
        var expertId: UUID
        var deadline: String
        var reason: String
    }

    @Test("after the deadline a save or submission is refused, naming the day; an extension lets only that expert on")
    func deadlineAndExtension() async throws {
        try await withShenbao { app in
            let setup = try await Self.setUp(app)
            let (first, second) = (setup.reviews[0], setup.reviews[1])
            // The deadline's own day still counts (Beijing time).
            app.now = { beijing("2025-08-31 23:50") }
            let onTheDay = try await app.api(
                .PUT, "/api/v1/reviews/\(first.id!)", token: setup.tokens[0], json: Input(comment: "第一稿"))
            #expect(onTheDay.status == .ok)
            app.now = { beijing("2025-09-01 00:10") }
            for (review, token) in [(first, setup.tokens[0]), (second, setup.tokens[1])] {
                for submit in [false, true] {
                    let late = try await app.api(
                        .PUT, "/api/v1/reviews/\(review.id!)", token: token, json: Input(submit: submit))
                    #expect(late.status == .conflict)
                    #expect(late.problems?.error.code == "reviewDeadlinePassed")
                    #expect(
                        late.problems?.error.message
                            == "评审截止时间（2025年8月31日）已过，不能再保存或提交评审意见；如需延期请联系省科协")
                }
            }
            // Nothing late reached the review.
            #expect(try await ReviewModel.find(first.id, on: app.db)?.comment == "第一稿")

            // The extension: checked all at once, for one expert.
            let path = "/api/v1/calls/2025/review-extensions/\(first.$expert.id)"
            let bad = try await app.api(
                .PUT, path, token: setup.province, json: ["deadline": "2025-08-30", "reason": " "])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.fields == ["deadline", "reason"])
            #expect(bad.problems?.errors.first?.message.contains("应晚于评审截止日期（2025年8月31日）") == true)
            let garbled = try await app.api(
                .PUT, path, token: setup.province, json: ["deadline": "9月5日", "reason": "出差"])
            #expect(garbled.status == .unprocessableEntity)
            #expect(garbled.fields == ["deadline"])
            let unknown = try await app.api(
                .PUT, "/api/v1/calls/2025/review-extensions/\(UUID())", token: setup.province,
                json: ["deadline": "2025-09-05", "reason": "出差"])
            #expect(unknown.status == .notFound)
            let set = try await app.api(
                .PUT, path, token: setup.province, json: ["deadline": "2025-09-05", "reason": "专家出国开会"])
            #expect(set.status == .ok)
            #expect(try set.content.decode(Extension.self).deadline == "2025-09-05")
            // Set again: replaced, not doubled.
            let moved = try await app.api(
                .PUT, path, token: setup.province, json: ["deadline": "2025-09-06", "reason": "专家出国开会，延长一天"])
            #expect(moved.status == .ok)
            let list = try await app.api(.GET, "/api/v1/calls/2025/review-extensions", token: setup.province)
                .content.decode([Extension].self)
            #expect(list.map(\.deadline) == ["2025-09-06"])
            #expect(list.first?.expertId == first.$expert.id)
            #expect(try await NotificationModel.query(on: app.db).filter(\.$title == "评审截止时间已为您延长").count() == 2)
            #expect(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .reviewDeadlineExtended).count() == 2
            )
            // The expert sees it.
            struct Seen: Decodable { var extendedDeadline: String?; var extensionReason: String? }
            let seen = try await app.api(.GET, "/api/v1/reviews/\(first.id!)", token: setup.tokens[0])
                .content.decode(Seen.self)
            #expect(seen.extendedDeadline == "2025-09-06")
            #expect(seen.extensionReason == "专家出国开会，延长一天")

            // That expert may save and submit; the other may not.
            let submitted = try await app.api(
                .PUT, "/api/v1/reviews/\(first.id!)", token: setup.tokens[0], json: Input(submit: true))
            #expect(submitted.status == .ok)
            let other = try await app.api(
                .PUT, "/api/v1/reviews/\(second.id!)", token: setup.tokens[1], json: Input(submit: true))
            #expect(other.status == .conflict)
            #expect(other.problems?.error.code == "reviewDeadlinePassed")
            // Past the extension too, the words name it.
            app.now = { beijing("2025-09-07 09:00") }
            let reopen = try await app.api(
                .POST, "/api/v1/reviews/\(first.id!)/reopen", token: setup.province, json: ["reason": "总分核对"])
            #expect(reopen.status == .ok)
            let pastExtension = try await app.api(
                .PUT, "/api/v1/reviews/\(first.id!)", token: setup.tokens[0], json: Input())
            #expect(pastExtension.status == .conflict)
            #expect(pastExtension.problems?.error.message.hasPrefix("省科协为您延长的评审截止时间（2025年9月6日）已过") == true)
        }
    }

    @Test("scores only in 专家评审, assignment only in 形式审查 or 专家评审, decisions only in 会议审议")
    func phases() async throws {
        try await withShenbao { app in
            let setup = try await Self.setUp(app)
            let review = setup.reviews[0]
            try await ReviewFixtures.inPhase(app, .meeting)
            let score = try await app.api(
                .PUT, "/api/v1/reviews/\(review.id!)", token: setup.tokens[0], json: Input())
            #expect(score.status == .conflict)
            #expect(score.problems?.error.code == "wrongPhase")
            #expect(score.problems?.error.message.hasPrefix("“专家评分”在“专家评审”阶段进行，当前为“会议审议”阶段") == true)
            let reopen = try await app.api(
                .POST, "/api/v1/reviews/\(review.id!)/reopen", token: setup.province, json: ["reason": "核对"])
            #expect(reopen.status == .conflict)

            let remove = try await app.api(.DELETE, "/api/v1/assignments/\(review.id!)", token: setup.province)
            #expect(remove.status == .conflict)
            #expect(remove.problems?.error.code == "wrongPhase")
            try await ReviewFixtures.inPhase(app, .open)
            let auto = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: setup.province)
            #expect(auto.status == .conflict)
            #expect(auto.problems?.error.message.hasPrefix("“分配评审专家”在“形式审查”或“专家评审”阶段进行") == true)
            let move = try await app.api(
                .PUT, "/api/v1/assignments/\(review.id!)", token: setup.province,
                json: ["expertId": setup.reviews[1].$expert.id.uuidString])
            #expect(move.status == .conflict)
            #expect(move.problems?.error.code == "wrongPhase")

            try await ReviewFixtures.inPhase(app, .review)
            let decisions = try await app.api(
                .PUT, "/api/v1/calls/2025/decisions", token: setup.province,
                json: [SelectionService.Decision(applicationId: setup.applicationID, funded: false, amountYuan: nil)])
            #expect(decisions.status == .conflict)
            #expect(decisions.problems?.error.code == "wrongPhase")
            // Back in its phase, the expert scores.
            let scored = try await app.api(
                .PUT, "/api/v1/reviews/\(review.id!)", token: setup.tokens[0], json: Input())
            #expect(scored.status == .ok)
        }
    }

    @Test("every save that changes something is kept with before and after; an unchanged save is not")
    func history() async throws {
        try await withShenbao { app in
            let setup = try await Self.setUp(app)
            let review = setup.reviews[0]
            let path = "/api/v1/reviews/\(review.id!)"
            let token = setup.tokens[0]
            let draft = Input(scores: ["significance": 15], comment: nil, recommendation: nil, suggestedAmountYuan: nil)
            #expect(try await app.api(.PUT, path, token: token, json: draft).status == .ok)
            #expect(try await app.api(.PUT, path, token: token, json: draft).status == .ok)
            var changed = draft
            changed.scores["significance"] = 17
            changed.comment = "意义重大"
            #expect(try await app.api(.PUT, path, token: token, json: changed).status == .ok)
            // Unchanged again, with the comment's spaces trimmed as stored.
            changed.comment = " 意义重大 "
            #expect(try await app.api(.PUT, path, token: token, json: changed).status == .ok)
            #expect(try await app.api(.PUT, path, token: token, json: Input(submit: true)).status == .ok)

            let history = try await app.api(.GET, "\(path)/history", token: setup.province)
            #expect(history.status == .ok)
            let changes = try history.content.decode([Change].self)
            #expect(changes.map(\.kind) == ["saved", "saved", "submitted"])
            #expect(changes[0].before?.scores == nil)
            #expect(changes[0].after.scores == ["significance": 15])
            #expect(changes[1].before?.scores == ["significance": 15])
            #expect(changes[1].after.scores == ["significance": 17])
            #expect(changes[1].after.comment == "意义重大")
            #expect(changes[2].before?.comment == "意义重大")
            #expect(changes[2].after.total == 84)
            #expect(changes[2].after.suggestedAmountYuan == 120_000)
            #expect(changes.allSatisfy { !$0.actorName.isEmpty })
            // Only the province reads it.
            #expect(try await app.api(.GET, "\(path)/history", token: token).status == .forbidden)
            #expect(try await app.api(.GET, "\(path)/history", token: setup.finance).status == .forbidden)
            #expect(
                try await app.api(.GET, "/api/v1/reviews/\(UUID())/history", token: setup.province).status
                    == .notFound)
        }
    }

    @Test("the province reopens a submitted review with a reason: both versions kept, the expert told, once only")
    func reopen() async throws {
        try await withShenbao { app in
            let setup = try await Self.setUp(app)
            let (first, second) = (setup.reviews[0], setup.reviews[1])
            let path = "/api/v1/reviews/\(first.id!)"
            #expect(try await app.api(.PUT, path, token: setup.tokens[0], json: Input(submit: true)).status == .ok)

            let noReason = try await app.api(.POST, "\(path)/reopen", token: setup.province, json: ["reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.fields == ["reason"])
            let tooLong = try await app.api(
                .POST, "\(path)/reopen", token: setup.province, json: ["reason": String(repeating: "长", count: 501)])
            #expect(tooLong.status == .unprocessableEntity)
            let notSubmitted = try await app.api(
                .POST, "/api/v1/reviews/\(second.id!)/reopen", token: setup.province, json: ["reason": "核对"])
            #expect(notSubmitted.status == .conflict)
            #expect(notSubmitted.problems?.error.code == "notSubmitted")
            #expect(
                try await app.api(.POST, "\(path)/reopen", token: setup.tokens[0], json: ["reason": "核对"]).status
                    == .forbidden)
            #expect(try await ReviewModel.find(first.id, on: app.db)?.status == .submitted)

            let reopened = try await app.api(
                .POST, "\(path)/reopen", token: setup.province, json: ["reason": "预算评分与意见不符，请核对"])
            #expect(reopened.status == .ok)
            let stored = try #require(try await ReviewModel.find(first.id, on: app.db))
            #expect(stored.status == .draft)
            #expect(stored.submittedAt == nil)
            #expect(stored.total == 84)
            // A double click: the second finds it no longer submitted.
            let twice = try await app.api(
                .POST, "\(path)/reopen", token: setup.province, json: ["reason": "预算评分与意见不符，请核对"])
            #expect(twice.status == .conflict)
            #expect(twice.problems?.error.code == "notSubmitted")
            let expertUser = try #require(first.expert.userID)
            let told = try await NotificationModel.query(on: app.db).filter(\.$userID == expertUser)
                .filter(\.$title ~~ "评审意见已重新开放").all()
            #expect(told.count == 1)
            #expect(told.first?.body.contains("预算评分与意见不符，请核对") == true)
            #expect(told.first?.body.contains("2025年8月31日") == true)
            // On the security audit trail too, with the reason; once.
            let trail = try await SecurityEventModel.query(on: app.db).filter(\.$action == .reviewReopened).all()
            #expect(trail.map(\.detail) == ["预算评分与意见不符，请核对"])

            // The expert changes it and submits again; both submitted versions are in the history.
            var revised = Input(submit: true)
            revised.scores["budget"] = 5
            revised.comment = "预算偏高"
            #expect(try await app.api(.PUT, path, token: setup.tokens[0], json: revised).status == .ok)
            let changes = try await app.api(.GET, "\(path)/history", token: setup.province)
                .content.decode([Change].self)
            #expect(changes.map(\.kind) == ["submitted", "reopened", "submitted"])
            #expect(changes[1].reason == "预算评分与意见不符，请核对")
            #expect(changes[1].before?.total == 84)
            #expect(changes[0].after.total == 84)
            #expect(changes[2].after.total == 81)
            #expect(changes[2].after.comment == "预算偏高")
        }
    }

    @Test("the province's pages: the history, reopening with its confirmation, an extension; the expert sees it")
    func pages() async throws {
        try await withShenbao { app in
            let setup = try await Self.setUp(app)
            let first = setup.reviews[0]
            let path = "/api/v1/reviews/\(first.id!)"
            #expect(try await app.api(.PUT, path, token: setup.tokens[0], json: Input(submit: true)).status == .ok)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let desk = try await browser.get("/review").body.string
            #expect(desk.contains("href=\"/review/reviews/\(first.id!)\""))
            #expect(desk.contains("评审延期"))
            let record = "/review/reviews/\(first.id!)"
            let page = try await browser.get(record).body.string
            #expect(page.contains("修改记录"))
            #expect(page.contains("id=\"review-history\""))
            #expect(page.contains("合作基础扎实"))
            #expect(page.contains("name=\"_confirm\""))
            #expect(page.contains("action=\"\(record)/reopen\""))

            let refused = try await browser.post("\(record)/reopen", form: [("reason", ""), ("_confirmed", "1")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("请填写重新开放的理由"))
            let done = try await browser.post(
                "\(record)/reopen", form: [("reason", "请补充评审意见"), ("_confirmed", "1")])
            #expect(done.headers.first(name: .location) == "\(record)?done=reopen")
            let after = try await browser.get("\(record)?done=reopen").body.string
            #expect(after.contains("省科协重新开放"))
            #expect(after.contains("请补充评审意见"))
            #expect(!after.contains("action=\"\(record)/reopen\""))

            // The extension from the review's page, a mistake shown beside its field.
            let wrong = try await browser.post(
                "/review/extensions",
                form: [
                    ("expertId", first.$expert.id.uuidString), ("reviewId", first.id!.uuidString),
                    ("deadline", "2025-08-01"), ("reason", ""),
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("应晚于评审截止日期"))
            #expect(wrong.body.string.contains("请填写延期理由"))
            let extended = try await browser.post(
                "/review/extensions",
                form: [
                    ("expertId", first.$expert.id.uuidString), ("reviewId", first.id!.uuidString),
                    ("deadline", "2025-09-10"), ("reason", "专家生病"),
                ])
            #expect(extended.headers.first(name: .location) == "\(record)?done=extend")
            #expect(try await browser.get(record).body.string.contains("已为该专家延长至 2025年9月10日"))
            #expect(try await browser.get("/review").body.string.contains("专家生病"))

            let expert = Browser(app)
            let username = try #require(try await UserModel.find(first.expert.userID, on: app.db)).username
            try await expert.logIn(username, TestUsers.password)
            let reviewPage = try await expert.get("/reviews/\(first.id!)").body.string
            #expect(reviewPage.contains("省科协已为您延长至 2025年9月10日（专家生病）"))
            #expect(!reviewPage.contains("修改记录"))
            app.now = { beijing("2025-09-11 08:00") }
            let late = try await expert.post(
                "/reviews/\(first.id!)", form: [("comment", "补充"), ("action", "save")])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("省科协为您延长的评审截止时间（2025年9月10日）已过"))
        }
    }
}
