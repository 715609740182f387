import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("工作台: what waits for each role now")
struct WorkspaceTodosTests {
    static func todo(_ html: String, _ label: String) -> String? {
        guard let start = html.range(of: ">\(label)</a>") else { return nil }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("applicant, recommenders and province each see their own count, the nearest deadline and the way there")
    func chain() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let call = try #require(try await CallModel.latest(on: app.db))
            call.deadline = beijing("2099-03-31 17:00")
            try await call.save(on: app.db)
            let applicant = Browser(app)
            try await applicant.logIn("hongsi", "Xiangjiang2025")
            let empty = try await applicant.get("/workspace").body.string
            #expect(Self.todo(empty, "尚未提交的申报书草稿")?.contains("暂无") == true)

            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.createDraft(app, token: people.applicant)
            let one = try #require(Self.todo(try await applicant.get("/workspace").body.string, "尚未提交的申报书草稿"))
            #expect(one.contains("1 件") && one.contains("截止：2099年3月31日 17:00"))

            let county = Browser(app)
            try await county.logIn("yuelu", TestUsers.password)
            let waiting = try #require(Self.todo(try await county.get("/workspace").body.string, "待推荐审核的申报书"))
            #expect(waiting.contains("1 件") && waiting.contains("2099年3月31日"))
            #expect(try await county.get("/workspace").body.string.contains("href=\"/inbox\">待推荐审核的申报书"))
            let city = Browser(app)
            try await city.logIn("changsha", TestUsers.password)
            #expect(Self.todo(try await city.get("/workspace").body.string, "待推荐审核的申报书")?.contains("暂无") == true)

            // The county returns it: the applicant sees a return with its 补正 end, apart from the fresh draft.
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.county,
                json: ["decision": "return", "comment": "请补充合作协议", "correctionDays": "3"])
            #expect(returned.status == .ok)
            let end = try #require(try await ApplicationModel.find(id, on: app.db)?.correctionEndsOn)
            let home = try await applicant.get("/workspace").body.string
            let back = try #require(Self.todo(home, "退回修改、待重新提交的申报书"))
            let endText = try #require(Day(end)).chinese
            #expect(back.contains("1 件") && back.contains("截止：\(endText)"))
            #expect(Self.todo(home, "尚未提交的申报书草稿")?.contains("1 件") == true)

            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let desk = try await province.get("/workspace").body.string
            #expect(Self.todo(desk, "待形式审查的申报书")?.contains("暂无") == true)
            #expect(Self.todo(desk, "当前阶段：申报中")?.contains("下一步：申报截止后，在“指南管理”进入“形式审查”阶段") == true)
        }
    }

    @Test("the workspace's page model, loaded directly, gives the county its organisation and its to-do")
    func pageModel() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            _ = try await ApplicationFixtures.submitted(app, people)
            let account = try #require(try await UserModel.query(on: app.db).filter(\.$username == "yuelu").first())
            let county = try AuthenticatedUser(account, method: .session)
            let page = try await WorkspacePage.load(
                for: county, call: CallModel.latest(on: app.db), registered: false, passwordSet: true, on: app.db)
            #expect(page.roleLabel == Role.recommender.label)
            #expect(page.organizationRows.first?.label == "单位类型")
            #expect(page.organizationRows.first?.value.hasPrefix("推荐单位") == true)
            let waiting = try #require(page.todos.first { $0.label == "待推荐审核的申报书" })
            #expect(waiting.countText == "1 件" && waiting.waiting && waiting.href == "/inbox")
            #expect(page.counts.isEmpty && page.showsCallDeadline && page.passwordSet)
        }
    }

    @Test("the expert sees the reviews to do with the review's deadline, not the application deadline")
    func expert() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南丁科技有限公司")
            _ = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中英论坛", organization: applicant, recommender: county)
            _ = try await ReviewFixtures.experts(app, count: 1, province: province)
            let financeDesk = Browser(app)
            try await financeDesk.logIn("caiwu", TestUsers.password)
            let before = try await financeDesk.get("/workspace").body.string
            #expect(Self.todo(before, "待提出预算意见的申报书")?.contains("1 件") == true)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 1))
            #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
            let expert = Browser(app)
            try await expert.logIn("expert1", TestUsers.password)
            #expect(Self.todo(try await expert.get("/workspace").body.string, "待完成的评审")?.contains("暂无") == true)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            let page = try await expert.get("/workspace").body.string
            let reviews = try #require(Self.todo(page, "待完成的评审"))
            #expect(reviews.contains("1 件") && reviews.contains("截止：2025年8月31日"))
            #expect(!page.contains("截止 20"))
            // Given a later day of their own, the expert is shown that one.
            app.now = { beijing("2025-09-01 09:00") }
            let expertID = try #require(try await ExpertModel.query(on: app.db).first()).requireID()
            let extended = try await app.api(
                .PUT, "/api/v1/calls/2025/review-extensions/\(expertID)", token: province,
                json: ["deadline": "2025-09-08", "reason": "专家出差"])
            #expect(extended.status == .ok)
            let later = try #require(Self.todo(try await expert.get("/workspace").body.string, "待完成的评审"))
            #expect(later.contains("截止：2025年9月8日"))
        }
    }

    @Test("a message opened from the list leads to its application and is read from then on")
    func messageOpensItsItem() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let county = Browser(app)
            try await county.logIn("yuelu", TestUsers.password)
            let list = try await county.get("/notifications").body.string
            #expect(list.contains("（1 条未读）"))
            let message = try #require(
                try await NotificationModel.query(on: app.db).filter(\.$readAt == nil).all().first {
                    $0.link == "/applications/\(id)"
                })
            let opened = try await county.post("/notifications/\(try message.requireID())/read", form: [])
            #expect(opened.status == .seeOther)
            #expect(opened.headers.first(name: .location) == "/applications/\(id)")
            #expect(try await NotificationModel.find(message.id, on: app.db)?.readAt != nil)
            let after = try await county.get("/notifications").body.string
            #expect(!after.contains("条未读"))
            #expect(!after.contains("count-badge"))
        }
    }
}
