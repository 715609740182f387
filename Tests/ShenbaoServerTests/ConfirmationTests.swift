import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Confirmation before an irreversible step")
struct ConfirmationTests {
    @Test(
        "the question asked depends on the choice made",
        arguments: [
            ([("_confirm", "确定发布吗？")], "确定发布吗？"),
            ([("_confirm_by", "decision"), ("_confirm_accept", "确定受理吗？"), ("decision", "accept")], "确定受理吗？"),
            ([("_confirm_by", "decision"), ("_confirm_reject", "确定不予受理吗？"), ("decision", "reject")], "确定不予受理吗？"),
            // No choice made yet, a choice that asks nothing (保存草稿), or no question at all: nothing is asked.
            ([("_confirm_by", "decision"), ("_confirm_accept", "确定受理吗？")], nil),
            ([("_confirm_by", "action"), ("_confirm_submit", "确定提交吗？"), ("action", "save")], nil),
            ([("comment", "好")], nil),
        ] as [([(String, String)], String?)])
    func question(pairs: [(String, String)], expected: String?) {
        #expect(ConfirmationMiddleware.question(pairs.map { (name: $0.0, value: $0.1) }) == expected)
    }

    @Test("form bodies are read back pair by pair, repeated names and encoded text kept")
    func formPairs() {
        let pairs = FormPairs.parse(
            "a=1&fields%5B%5D=x&fields%5B%5D=y&comment=%E5%90%8C%E6%84%8F+%E6%8E%A8%E8%8D%90&empty=")
        #expect(pairs.map(\.name) == ["a", "fields[]", "fields[]", "comment", "empty"])
        #expect(pairs.map(\.value) == ["1", "x", "y", "同意 推荐", ""])
    }

    @Test("without JavaScript the notice start asks on a page first, then the same form starts it")
    func noticeStartAsksFirst() async throws {
        try await withShenbao { app in
            _ = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }
            let clerk = Browser(app)
            try await clerk.logIn("sheng", TestUsers.password)
            let desk = try await clerk.get("/notice").body.string
            // The desk's forms name the call they act on (CallChoice).
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID())
            let action = "/notice/start?call=\(callID)"
            let hidden = Browser.hiddenFields(in: desk, action: action)
            #expect(hidden.contains { $0.0 == "_confirm" && $0.1.contains("申报单位和推荐单位会收到通知") })
            let asked = try await clerk.post(action, form: hidden + [("startDate", "2025-09-26")])
            #expect(asked.status == .ok)
            let page = asked.body.string
            #expect(page.contains("请确认"))
            #expect(page.contains("开始公示后拟资助名单在网站公开"))
            #expect(try await NoticeModel.query(on: app.db).count() == 0)
            // The page sends the same form again, with the answer.
            let again = Browser.hiddenFields(in: page, action: action)
            #expect(again.contains { $0 == ("startDate", "2025-09-26") })
            #expect(again.contains { $0 == ("_confirmed", "1") })
            #expect(!again.contains { $0.0 == "_confirm" })
            let started = try await clerk.post(action, form: again)
            #expect(started.status == .seeOther)
            #expect(try await NoticeModel.query(on: app.db).count() == 1)
        }
    }
}
