import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Notice pages")
struct NoticePagesTests {
    @Test("a link to the notice or the funded list opened too early says 尚未 instead of an error page")
    func notYet() async throws {
        try await withShenbao { app in
            let visitor = Browser(app)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID()).uuidString
            let funded = try await visitor.get("/calls/\(callID)/funded")
            #expect(funded.status == .ok)
            #expect(funded.body.string.contains("<h1>2025年度国际与区域科技交流类项目立项名单</h1>"))
            #expect(funded.body.string.contains("尚未发布"))
            let notice = try await visitor.get("/calls/\(callID)/notice")
            #expect(notice.status == .ok)
            #expect(notice.body.string.contains("尚未开始公示"))
            #expect(!notice.body.string.contains("申报指南拟资助"))
        }
    }

    @Test(
        "the province starts the notice on its desk, the public objects on the notice page, the desk resolves and publishes"
    )
    func throughThePages() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }
            let clerk = Browser(app)
            try await clerk.logIn("sheng", TestUsers.password)
            let desk = try await clerk.get("/notice")
            #expect(desk.body.string.contains("拟资助项目（现 3 项）"))
            let wrongDay = try await clerk.post("/notice/start", form: [("startDate", "")])
            #expect(wrongDay.status == .unprocessableEntity)
            #expect(wrongDay.body.string.contains("请填写公示起始日期"))
            let started = try await clerk.post("/notice/start", form: [("startDate", "2025-09-26")])
            #expect(started.status == .seeOther)
            let running = try await clerk.get("/notice?done=start")
            #expect(running.body.string.contains("2025年9月26日 至 2025年10月9日"))
            #expect(running.body.string.contains("不计（国庆节、中秋节假期）"))
            #expect(running.body.string.contains("计入（国庆节、中秋节调休上班）"))

            // The public page: no login, the list, the form; mistakes shown by their fields.
            let visitor = Browser(app)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID()).uuidString
            let page = try await visitor.get("/calls/\(callID)/notice")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("项目B") && page.body.string.contains("12"))
            #expect(!page.body.string.contains("项目D"))
            let home = try await visitor.get("/")
            #expect(home.body.string.contains("/calls/\(callID)/notice"))
            let refused = try await visitor.post(
                "/calls/\(callID)/notice",
                form: [
                    ("applicationId", people.ids["B"]!.uuidString), ("name", "匿名"), ("contact", "110"), ("text", "有问题"),
                ])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("匿名异议不予受理") && html.contains("联系电话格式不正确") && html.contains("至少20个字"))
            #expect(html.contains("value=\"匿名\""), "what was typed is kept")
            let filed = try await visitor.post(
                "/calls/\(callID)/notice",
                form: [
                    ("applicationId", people.ids["B"]!.uuidString), ("name", "<b>李四</b>"), ("contact", "0731-84884381"),
                    ("text", "该项目的外方合作单位已于去年注销，合作无法实施，申报材料与事实不符。"),
                ])
            #expect(filed.status == .seeOther)
            let receipt = try await visitor.get(try #require(filed.headers.first(name: .location)))
            #expect(receipt.body.string.contains("异议已受理，回执号 <strong>YY2025-"))

            // The desk shows who objected (escaped), resolves it, and publishes after the notice.
            let objections = try await clerk.get("/notice")
            #expect(objections.body.string.contains("&lt;b&gt;李四&lt;/b&gt;"))
            let objection = try #require(try await ObjectionModel.query(on: app.db).first())
            let unresolved = try await clerk.post(
                "/notice/objections/\(objection.requireID())", form: [("outcome", "notUpheld"), ("comment", "")])
            #expect(unresolved.body.string.contains("请填写处理意见（核查情况）"))
            let resolved = try await clerk.post(
                "/notice/objections/\(objection.requireID())",
                form: [("outcome", "notUpheld"), ("comment", "经核查，外方单位正常存续。")])
            #expect(resolved.status == .seeOther)
            let tooEarly = try await clerk.post("/notice/publish", form: [])
            #expect(tooEarly.body.string.contains("公示期满后才能发布立项名单"))
            app.now = { beijing("2025-10-10 08:30") }
            let closed = try await visitor.get("/calls/\(callID)/notice")
            #expect(closed.body.string.contains("当前不在公示期内，不受理异议"))
            #expect(try await clerk.post("/notice/publish", form: []).status == .seeOther)
            let funded = try await visitor.get("/calls/\(callID)/funded")
            #expect(funded.status == .ok)
            #expect(funded.body.string.contains("项目A") && funded.body.string.contains("项目B"))
            #expect(funded.body.string.contains("合计 35 万元"))
        }
    }

    @Test("the call page moves the phase, refuses with the reason, and copies next year's call")
    func callAdminPage() async throws {
        try await withShenbao { app in
            _ = try await ReviewFixtures.token(app, "sheng", .province)
            let clerk = Browser(app)
            try await clerk.logIn("sheng", TestUsers.password)
            let page = try await clerk.get("/admin/calls")
            #expect(page.body.string.contains("进入“形式审查”阶段"))
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID()).uuidString
            let refused = try await clerk.post("/admin/calls/\(callID)/phase", form: [("phase", "intake")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("尚未设置申报截止时间"))
            let badEdit = try await clerk.post(
                "/admin/calls/\(callID)", form: [("deadline", "3月31日"), ("noticeWorkingDays", "五")])
            #expect(badEdit.body.string.contains("公示期（工作日）应为整数个工作日"))
            let saved = try await clerk.post("/admin/calls/\(callID)", form: [("deadline", "2025-03-31 17:00")])
            #expect(saved.status == .seeOther)
            #expect(
                try await clerk.post("/admin/calls/\(callID)/phase", form: [("phase", "intake")]).status == .seeOther)
            let copied = try await clerk.post("/admin/calls/\(callID)/copy", form: [])
            #expect(copied.status == .seeOther)
            let next = try await clerk.get(try #require(copied.headers.first(name: .location)))
            let copyTitle = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2026).first()?.title)
            #expect(copyTitle.hasPrefix("2026年度"))
            #expect(next.body.string.contains("<strong>\(copyTitle)（筹备中）</strong>"))
        }
    }
}
