import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// 经费拨付 (issue 30 item 2): finance records the payments of a funded project, never beyond the
/// amount the meeting approved; the unit, the province and finance see paid and remaining.
@Suite("Disbursements of a funded project")
struct DisbursementServerTests {
    struct Item: Decodable {
        var paidOn: String
        var amountYuan: Int
        var phaseIndex: Int?
        var voucherNumber: String
    }
    struct List: Decodable {
        var items: [Item]
        var approvedYuan: Int
        var paidYuan: Int
        var remainingYuan: Int
    }
    struct Payment: Encodable {
        var paidOn = "2026-03-01"
        var amountYuan: Int
        var phaseIndex: Int?
        var voucherNumber: String
        var note: String?
    }

    /// Project A of MeetingDone (approved 15万元), moved on to `status`, and a finance token.
    static func project(_ app: Application, status: ApplicationStatus = .inProgress) async throws
        -> (people: MeetingDone, id: UUID, finance: String)
    {
        let people = try await MeetingDone.make(app)
        let id = try #require(people.ids["A"])
        let application = try #require(try await ApplicationModel.find(id, on: app.db))
        application.status = status
        try await application.save(on: app.db)
        let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
        app.now = { beijing("2026-03-10 10:00") }
        return (people, id, finance)
    }

    static func pay(_ app: Application, _ id: UUID, token: String, _ payment: Payment) async throws
        -> TestingHTTPResponse
    {
        try await app.api(.POST, "/api/v1/applications/\(id)/disbursements", token: token, json: payment)
    }

    @Test("two payments accepted, the third beyond the approved amount refused with the numbers; all is recorded")
    func twoThenRefused() async throws {
        try await withShenbao { app in
            let (people, id, finance) = try await Self.project(app)
            let first = try await Self.pay(
                app, id, token: finance, Payment(amountYuan: 60_000, phaseIndex: 0, voucherNumber: "记-2026-001"))
            #expect(first.status == .created)
            let second = try await Self.pay(
                app, id, token: finance, Payment(amountYuan: 50_000, voucherNumber: "记-2026-002", note: "第二笔"))
            #expect(second.status == .created)
            let third = try await Self.pay(
                app, id, token: finance, Payment(amountYuan: 50_000, voucherNumber: "记-2026-003"))
            #expect(third.status == .conflict)
            #expect(third.problems?.error.code == "disbursementAboveApproved")
            #expect(third.problems?.error.message == "本次拨付5万元后累计16万元，超过批准资助金额15万元")

            // The unit reads its project's payments; so do the recommender of its chain, the province
            // and finance.
            let county = try await ReviewFixtures.token(app, "yuelu", .recommender, organization: people.county)
            for token in [people.applicantA, county, people.province, finance] {
                let list = try await app.api(.GET, "/api/v1/applications/\(id)/disbursements", token: token)
                #expect(list.status == .ok)
                let body = try list.content.decode(List.self)
                #expect(body.items.map(\.voucherNumber) == ["记-2026-001", "记-2026-002"])
                #expect(body.items.first?.phaseIndex == 0)
                #expect((body.approvedYuan, body.paidYuan, body.remainingYuan) == (150_000, 110_000, 40_000))
            }
            // On the timeline, in the audit trail, and told to the unit.
            let events = try await ApplicationEventModel.query(on: app.db).filter(\.$application.$id == id)
                .filter(\.$action == "disburse").all()
            #expect(events.count == 2)
            #expect(events.contains { $0.comment?.contains("累计11万元，剩余4万元") == true })
            let audit = try await SecurityEventModel.query(on: app.db).filter(\.$action == .disbursementRecorded)
                .count()
            #expect(audit == 2)
            let notes = try await NotificationModel.query(on: app.db).filter(\.$applicationID == id)
                .filter(\.$title == "经费已拨付").count()
            #expect(notes >= 2)
        }
    }

    @Test("while approved (agreement not confirmed) a payment is refused, naming the status")
    func notUnderway() async throws {
        try await withShenbao { app in
            let (_, id, finance) = try await Self.project(app, status: .approved)
            let refused = try await Self.pay(app, id, token: finance, Payment(amountYuan: 10_000, voucherNumber: "记-1"))
            #expect(refused.status == .conflict)
            #expect(refused.problems?.error.message.contains("已立项") == true)
            #expect(try await DisbursementModel.query(on: app.db).count() == 0)
        }
    }

    @Test("only finance records: the province and the unit are refused (403), another unit is told nothing exists")
    func onlyFinance() async throws {
        try await withShenbao { app in
            let (people, id, _) = try await Self.project(app)
            for token in [people.province, people.applicantA] {
                let refused = try await Self.pay(
                    app, id, token: token, Payment(amountYuan: 10_000, voucherNumber: "记-1"))
                #expect(refused.status == .forbidden)
            }
            let other = try await ReviewFixtures.token(
                app, "danweiB", .applicant,
                organization: try #require(try await ApplicationModel.find(#require(people.ids["B"]), on: app.db))
                    .$organization
                    .id)
            let hidden = try await app.api(.GET, "/api/v1/applications/\(id)/disbursements", token: other)
            #expect(hidden.status == .notFound)
            #expect(try await DisbursementModel.query(on: app.db).count() == 0)
        }
    }

    @Test("every problem at once, by its field; the same 凭证号 twice refused")
    func problemsAndDuplicate() async throws {
        try await withShenbao { app in
            let (_, id, finance) = try await Self.project(app)
            let bad = try await Self.pay(
                app, id, token: finance, Payment(paidOn: "2026-03-11", amountYuan: 0, phaseIndex: 9, voucherNumber: " ")
            )
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.fields == ["paidOn", "amountYuan", "phaseIndex", "voucherNumber"])
            #expect(bad.problems?.errors.first?.message.contains("拨付日期不能晚于今天") == true)
            let once = try await Self.pay(app, id, token: finance, Payment(amountYuan: 10_000, voucherNumber: "记-7"))
            #expect(once.status == .created)
            let twice = try await Self.pay(app, id, token: finance, Payment(amountYuan: 10_000, voucherNumber: "记-7"))
            #expect(twice.status == .conflict)
            #expect(twice.problems?.error.code == "duplicate")
            #expect(twice.problems?.error.message.contains("凭证号") == true)
            // Beyond the cap and without a 凭证号: both at once.
            let both = try await Self.pay(app, id, token: finance, Payment(amountYuan: 150_000, voucherNumber: ""))
            #expect(both.status == .unprocessableEntity)
            #expect(both.fields == ["voucherNumber", "amountYuan"])
            #expect(both.problems?.errors.last?.message == "本次拨付15万元后累计16万元，超过批准资助金额15万元")
            #expect(try await DisbursementModel.query(on: app.db).count() == 1)
        }
    }

    @Test("six payments of 40% at once: at most two are accepted, the total never above the approved amount")
    func concurrent() async throws {
        try await withShenbao { app in
            let (_, id, finance) = try await Self.project(app)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await Self.pay(
                            app, id, token: finance, Payment(amountYuan: 60_000, voucherNumber: "并发-\(index)")
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 2)
            #expect(statuses.filter { $0 == .conflict }.count == 4)
            let paid = try await DisbursementModel.query(on: app.db).filter(\.$application.$id == id).all()
                .reduce(0) { $0 + $1.amountYuan }
            #expect(paid == 120_000)
        }
    }

    @Test("the page shows paid and remaining; finance gets the form, a refusal keeps what was typed")
    func page() async throws {
        try await withShenbao { app in
            let (people, id, finance) = try await Self.project(app)
            #expect(
                try await Self.pay(app, id, token: finance, Payment(amountYuan: 50_000, voucherNumber: "记-2026-001"))
                    .status == .created)
            let browser = Browser(app)
            try await browser.logIn("caiwu", TestUsers.password)
            let html = try await browser.get("/applications/\(id)").body.string
            #expect(html.contains("经费拨付"))
            #expect(html.contains("2026年3月1日"))
            #expect(html.contains("<dt>已拨付</dt><dd>5 万元</dd>"))
            #expect(html.contains("<dt>剩余</dt><dd>10 万元</dd>"))
            #expect(html.contains("action=\"/applications/\(id)/disbursements\""))

            let refused = try await browser.post(
                "/applications/\(id)/disbursements",
                form: [
                    ("paidOn", "2026-03-05"), ("amountWan", "12"), ("phaseIndex", ""), ("voucherNumber", "记-2026-009"),
                    ("note", "第二笔"), ("_confirmed", "1"),
                ])
            #expect(refused.status == .unprocessableEntity)
            let again = refused.body.string
            #expect(again.contains("本次拨付12万元后累计17万元，超过批准资助金额15万元"))
            #expect(again.contains("value=\"记-2026-009\""))
            #expect(again.contains("value=\"12\""))

            let accepted = try await browser.post(
                "/applications/\(id)/disbursements",
                form: [
                    ("paidOn", "2026-03-05"), ("amountWan", "2.5"), ("phaseIndex", "0"),
                    ("voucherNumber", "记-2026-010"),
                    ("note", ""), ("_confirmed", "1"),
                ])
            #expect(accepted.status == .seeOther)
            #expect(
                try await DisbursementModel.query(on: app.db).filter(\.$voucherNumber == "记-2026-010").first()?
                    .amountYuan == 25_000)

            // The unit sees the payments without the form.
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            let own = try await unit.get("/applications/\(id)").body.string
            #expect(own.contains("<dt>已拨付</dt><dd>7.5 万元</dd>"))
            #expect(!own.contains("/disbursements\""))
            _ = people
        }
    }
}
