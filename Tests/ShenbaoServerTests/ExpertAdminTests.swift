import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Editing and deactivating experts: a deactivated expert is never assigned again, neither by
/// the automatic assignment nor by hand, and the reviews they submitted stay.
@Suite("Expert pool administration")
struct ExpertAdminTests {
    struct View: Decodable {
        var id: UUID
        var name: String
        var title: String
        var phone: String
        var fieldLabels: String
        var active: Bool
    }

    struct Status: Decodable {
        var active: Bool
        var pendingReviews: Int
        var message: String
    }

    @Test("an edit changes the fields sent, follows to the account, and is refused naming every problem")
    func edit() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let id = try #require(try await ReviewFixtures.experts(app, count: 1, province: province).first)
            let changed = try await app.api(
                .PATCH, "/api/v1/experts/\(id)", token: province,
                json: ["title": "研究员", "phone": "13911112222"])
            #expect(changed.status == .ok)
            let view = try changed.content.decode(View.self)
            #expect(view.title == "研究员")
            #expect(view.phone == "13911112222")
            #expect(view.name == "专家expert1")
            #expect(view.fieldLabels.isEmpty == false)
            let expert = try #require(try await ExpertModel.find(id, on: app.db))
            let account = try #require(try await UserModel.find(expert.userID, on: app.db))
            #expect(account.phone == "13911112222")
            let line = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .expertEdited).first())
            #expect(line.detail == "修改：职称、联系电话")
            #expect(line.subjectID == id)

            let bad = try await app.api(
                .PATCH, "/api/v1/experts/\(id)", token: province,
                json: ExpertAdminService.EditInput(name: "", fields: [], phone: "123", email: "x"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.fields == ["name", "fields", "phone", "email"])
            #expect(try await ExpertModel.find(id, on: app.db)?.title == "研究员")
            let tooMany = try await app.api(
                .PATCH, "/api/v1/experts/\(id)", token: province,
                json: ExpertAdminService.EditInput(fields: Array(repeating: "advancedManufacturing", count: 201)))
            #expect(tooMany.status == .unprocessableEntity)
            #expect(
                try await app.api(.PATCH, "/api/v1/experts/\(UUID())", token: province, json: ["title": "x"]).status
                    == .notFound)
        }
    }

    @Test("a deactivated expert is never assigned, automatically or by hand; the submitted review stays")
    func deactivation() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let first = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中德研讨会",
                organization: try await ReviewFixtures.organization(app, "甲公司"),
                recommender: county)
            let experts = try await ReviewFixtures.experts(app, count: 4, province: province)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 2))
            #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            // One expert submits, then leaves the pool.
            let review = try #require(try await ReviewModel.query(on: app.db).first())
            try await ReviewFixtures.submit(app, review: review, total: 80)
            let leaving = review.$expert.id
            let deactivated = try await app.api(.POST, "/api/v1/experts/\(leaving)/deactivate", token: province)
            #expect(deactivated.status == .ok)
            let status = try deactivated.content.decode(Status.self)
            #expect(status.active == false)
            #expect(status.pendingReviews == 0)
            #expect(
                try await app.api(.POST, "/api/v1/experts/\(leaving)/deactivate", token: province).status == .conflict)
            #expect(try await SecurityEventModel.query(on: app.db).filter(\.$action == .expertDeactivated).count() == 1)
            // The submitted review is there, unchanged.
            let kept = try #require(try await ReviewModel.find(review.id, on: app.db))
            #expect(kept.status == .submitted)
            #expect(kept.total == 80)

            // By hand: refused, naming the reason, on a new assignment and on a move.
            let second = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中法研讨会",
                organization: try await ReviewFixtures.organization(app, "乙公司"),
                recommender: county)
            let byHand = try await app.api(
                .POST, "/api/v1/calls/2025/assignments", token: province,
                json: ["applicationId": second.uuidString, "expertId": leaving.uuidString])
            #expect(byHand.status == .unprocessableEntity)
            #expect(byHand.problems?.errors.first?.code == "expertDeactivated")
            #expect(byHand.problems?.errors.first?.message.contains("已停用") == true)
            let other = try #require(
                try await ReviewModel.query(on: app.db).filter(\.$status == .assigned).filter(
                    \.$application.$id == first
                )
                .first())
            let moved = try await app.api(
                .PUT, "/api/v1/assignments/\(other.id!)", token: province, json: ["expertId": leaving.uuidString])
            #expect(moved.problems?.errors.first?.code == "expertDeactivated")

            // Automatically: the new application gets two of the three still in the pool.
            struct Pair: Decodable { var applicationId: UUID; var expertId: UUID }
            let pairs = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
                .content.decode([Pair].self)
            #expect(pairs.count == 2)
            #expect(pairs.allSatisfy { $0.expertId != leaving && experts.contains($0.expertId) })

            // Back in the pool, they can be assigned again.
            let activated = try await app.api(.POST, "/api/v1/experts/\(leaving)/activate", token: province)
            #expect(try activated.content.decode(Status.self).active)
            #expect(
                try await app.api(.POST, "/api/v1/experts/\(leaving)/activate", token: province).status == .conflict)
            let list = try await app.api(.GET, "/api/v1/experts", token: province).content.decode([View].self)
            #expect(list.allSatisfy { $0.active })
        }
    }

    @Test("the pages: edit beside each field, deactivate and activate from the pool")
    func pages() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let id = try #require(try await ReviewFixtures.experts(app, count: 1, province: province).first)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let pool = try await browser.get("/experts")
            #expect(pool.body.string.contains("/experts/\(id)/deactivate"))
            #expect(pool.body.string.contains("个人信息收集说明（专家库"))
            let page = try await browser.get("/experts/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("name=\"_confirm\" value=\"确定停用专家"))

            let refused = try await browser.post(
                "/experts/\(id)",
                form: [
                    ("name", ""), ("organizationName", "中南大学"), ("title", "教授"), ("phone", "13900000000"),
                    ("email", "e@example.com"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("请填写专家姓名"))
            #expect(refused.body.string.contains("请至少选择一个专业领域"))

            let saved = try await browser.post(
                "/experts/\(id)",
                form: [
                    ("name", "王教授"), ("organizationName", "中南大学"), ("title", "教授"), ("phone", "13900000000"),
                    ("email", "e@example.com"), ("fields[]", "advancedManufacturing"),
                ])
            #expect(saved.status == .seeOther)
            #expect(try await ExpertModel.find(id, on: app.db)?.name == "王教授")

            let off = try await browser.post("/experts/\(id)/deactivate", form: [])
            #expect(off.status == .seeOther)
            let shown = try await browser.get(off.headers.first(name: .location) ?? "")
            #expect(shown.body.string.contains("已停用"))
            #expect(try await ExpertModel.find(id, on: app.db)?.active == false)
            let twice = try await browser.post("/experts/\(id)/deactivate", form: [])
            #expect(twice.status == .conflict)
            #expect(twice.body.string.contains("该专家已停用"))
            let on = try await browser.post("/experts/\(id)/activate", form: [])
            #expect(on.status == .seeOther)
            #expect(try await ExpertModel.find(id, on: app.db)?.active == true)
        }
    }
}
