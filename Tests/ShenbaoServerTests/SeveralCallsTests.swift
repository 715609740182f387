import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Issue 29 item 4: another programme of the association open beside this one, the applicant
/// choosing the call of a new draft, the desks and lists per call with a chooser, past calls
/// read-only.
@Suite("Several calls at once")
struct SeveralCallsTests {
    static let otherTitle = "2025年度港澳台青年科技人才交流项目申报指南"

    /// A second programme in 2025, copied from the guide's call and opened with a deadline.
    static func openSecondProgramme(_ app: Application, province: String) async throws -> UUID {
        let copied = try await app.api(
            .POST, "/api/v1/calls/2025/copy", token: province,
            json: CallAdminService.CopyInput(year: 2025, title: otherTitle))
        #expect(copied.status == .created, "\(copied.body.string)")
        let id = try copied.content.decode(IDOnly.self).id
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let dated = try await app.api(
            .PUT, "/api/v1/calls/\(id)", token: province, json: ["deadline": "\(year)-03-31 17:00"])
        #expect(dated.status == .ok, "\(dated.body.string)")
        let opened = try await app.api(.PUT, "/api/v1/calls/\(id)/phase", token: province, json: ["phase": "open"])
        #expect(opened.status == .ok, "\(opened.body.string)")
        return id
    }

    struct IDOnly: Decodable { var id: UUID }

    @Test("a second programme in the same year: copied under another title, the same title refused")
    func sameYearAnotherTitle() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "sheng", .province)
            let second = try await Self.openSecondProgramme(app, province: province)
            let guideTitle = try CallDefinition.guide2025().title
            let calls = try await CallModel.query(on: app.db).filter(\.$year == 2025).all()
            #expect(Set(calls.map(\.title)) == [guideTitle, Self.otherTitle])
            #expect(calls.allSatisfy { $0.phase == .open })
            // The guide's programme stays the one pages show first.
            #expect(try await CallModel.latest(on: app.db)?.title == guideTitle)

            let again = try await app.api(
                .POST, "/api/v1/calls/2025/copy", token: province,
                json: CallAdminService.CopyInput(year: 2025, title: Self.otherTitle))
            #expect(again.status == .conflict)
            #expect(again.problems?.errors.first?.field == "title")
            #expect(again.problems?.error.message == "2025年度已有申报指南“\(Self.otherTitle)”，请换一个标题")
            // Renaming the second to the first's title is refused the same way.
            let renamed = try await app.api(
                .PUT, "/api/v1/calls/\(second)", token: province, json: ["title": guideTitle])
            #expect(renamed.status == .conflict)

            // The page's copy form: a year that is no year is shown beside its input, typed text kept.
            let browser = Browser(app)
            try await browser.logIn("sheng", TestUsers.password)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID())
            let refused = try await browser.post(
                "/admin/calls/\(callID)/copy", form: [("year", "二〇二六"), ("title", "另一个项目")])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("年度应为四位数字，如2026"))
            #expect(html.contains("value=\"另一个项目\""))
        }
    }

    @Test("the applicant chooses the call of a new draft; the desks' lists are per call with a chooser")
    func draftsAndDesksPerCall() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let second = try await Self.openSecondProgramme(app, province: people.province)
            let first = try #require(try await CallModel.latest(on: app.db)?.requireID())

            // 我的申报 offers a new draft in each open call, under its title.
            let applicant = Browser(app)
            try await applicant.logIn("hongsi", "Xiangjiang2025")
            let list = try await applicant.get("/applications").body.string
            #expect(list.contains("<h2 class=\"call-heading\">\(Self.otherTitle)</h2>"))
            #expect(list.contains("name=\"callId\" value=\"\(second)\""))
            #expect(list.contains("name=\"callId\" value=\"\(first)\""))
            let created = try await applicant.post(
                "/applications", form: [("callId", second.uuidString), ("category", "conference")])
            #expect(created.status == .seeOther)
            let drafts = try await ApplicationModel.query(on: app.db).all()
            #expect(drafts.count == 1 && drafts.first?.$call.id == second)

            // One application submitted in each call; the API filters by call, a bad call is named.
            _ = try await ApplicationFixtures.submitted(app, people)
            let all = try await app.api(.GET, "/api/v1/applications", token: people.province)
            let inSecond = try await app.api(.GET, "/api/v1/applications?call=\(second)", token: people.province)
            #expect(try all.content.decode([IDOnly].self).count == 1)
            #expect(try inSecond.content.decode([IDOnly].self).isEmpty)
            let bad = try await app.api(.GET, "/api/v1/applications?call=1999", token: people.province)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problems?.errors.first?.field == "call")

            // The province's list: the first call by default, the chooser offers both; the choice
            // is remembered for the next page, and a desk's forms carry it.
            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let firstList = try await province.get("/applications").body.string
            #expect(firstList.contains("id=\"call-chooser\""))
            #expect(firstList.contains("<option value=\"\(second)\">\(Self.otherTitle)（申报中）</option>"))
            #expect(firstList.contains("共 1 份"))
            let secondList = try await province.get("/applications?call=\(second)").body.string
            #expect(secondList.contains("<option value=\"\(second)\" selected>"))
            #expect(secondList.contains("共 0 份"))
            let desk = try await province.get("/review").body.string
            #expect(desk.contains("<option value=\"\(second)\" selected>"), "the choice is remembered")
            #expect(desk.contains("action=\"/review/plan?call=\(second)\""))
            let dashboard = try await province.get("/dashboard").body.string
            #expect(dashboard.contains("<h1>统计：\(Self.otherTitle)</h1>"), "the dashboard follows the choice")
            #expect(try await province.get("/applications?call=not-a-call").status == .notFound)
        }
    }

    @Test("a past call stays browsable, marked read-only; a draft call is chosen by the province only")
    func pastAndDraftCalls() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let old = try #require(try await CallModel.latest(on: app.db))
            old.phase = .published
            try await old.save(on: app.db)
            let copied = try await app.api(.POST, "/api/v1/calls/2025/copy", token: people.province)
            let next = try copied.content.decode(IDOnly.self).id

            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let oldPage = try await province.get("/notice?call=2025").body.string
            #expect(oldPage.contains("已发布立项名单，本页仅供查阅。"))
            // The province sees next year's draft among the choices; a recommender does not, and
            // asking for it by id is "not found".
            #expect(try await province.get("/applications").body.string.contains("value=\"\(next)\""))
            let county = Browser(app)
            try await county.logIn("yuelu", TestUsers.password)
            #expect(try await county.get("/inbox?call=\(next)").status == .notFound)
        }
    }

    @Test("the calls table rebuilt with applications and their numbers in it: nothing lost, nothing cascaded")
    func migrationKeepsWhatRefersToCalls() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let submitted = try await ApplicationFixtures.submitted(app, people)
            let sql = try #require(app.db as? any SQLDatabase)
            func counts() async throws -> [Int] {
                var result: [Int] = []
                for table in ["calls", "applications", "application_numbers"] {
                    let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                    result.append(try #require(try row?.decode(column: "n", as: Int.self)))
                }
                return result
            }
            let before = try await counts()
            #expect(before[2] == 1, "the submission numbered its application")
            // Back to one call per year and forward again, each a rebuild of the table with rows in it.
            try await M035_CallsPerYearAndTitle().revert(on: app.db)
            let second = CallModel(definition: try CallDefinition.guide2025())
            second.title = Self.otherTitle
            await #expect(throws: (any Error).self) { try await second.create(on: app.db) }
            try await M035_CallsPerYearAndTitle().prepare(on: app.db)
            #expect(try await counts() == before)
            #expect(try await ApplicationModel.find(submitted, on: app.db)?.number != nil)
            let third = CallModel(definition: try CallDefinition.guide2025())
            third.title = Self.otherTitle
            try await third.create(on: app.db)
            #expect(try await CallModel.query(on: app.db).filter(\.$year == 2025).count() == 2)
        }
    }
}
