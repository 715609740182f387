import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Issue 30 item 7: a call may publish each funded project's final state (验收结果) on its
/// published list — the page, the API and the downloads; off, the list is as published.
@Suite("Public results: the funded list's 验收结果")
struct PublicFinalStateTests {
    struct Item: Decodable {
        var project: String
        var finalState: String?
        var finalStateLabel: String?
    }
    struct Funded: Decodable {
        var items: [Item]
        var publishesFinalState: Bool?
    }

    /// The published 2025 list with project A's acceptance passed and B closed after failing.
    static func decided(_ app: Application) async throws -> (people: MeetingDone, callID: UUID) {
        let people = try await AgreementTests.published(app)
        let a = try #require(people.ids["A"])
        let b = try #require(people.ids["B"])
        let sql = try StaticSelect.sql(app.db)
        try await sql.raw("UPDATE applications SET status = 'acceptancePassed' WHERE id = \(bind: a)").run()
        try await sql.raw("UPDATE applications SET status = 'closed' WHERE id = \(bind: b)").run()
        let province = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sheng").first())
        try await ApplicationEventModel.append(
            to: b, actorID: province.id, actorName: "省科协", role: "province", action: .workflow(.close),
            from: .acceptanceFailed, to: .closed, comment: nil, organizationName: nil, at: app.now(), on: app.db)
        let call = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first())
        return (people, try call.requireID())
    }

    @Test("off (the default): the list, its API and its Excel are as published, whatever the projects became")
    func off() async throws {
        try await withShenbao { app in
            let (_, callID) = try await Self.decided(app)
            let page = try await Browser(app).get("/calls/\(callID)/funded").body.string
            #expect(page.contains("项目A"))
            #expect(!page.contains("验收结果") && !page.contains("验收通过"))
            let api = try await app.api(.GET, "/api/v1/public/calls/\(callID)/funded")
            #expect(!api.body.string.contains("finalState"))
            #expect(!api.body.string.contains("publishesFinalState"))
            let xlsx = try await app.api(.GET, "/api/v1/public/calls/\(callID)/funded.xlsx")
            let strings = try CallEditorTests.zipEntry(Data(buffer: xlsx.body), "xl/sharedStrings.xml")
            #expect(!strings.contains("验收结果"))
        }
    }

    @Test("on: 验收通过 beside the accepted project, 已结题（验收未通过） beside the closed one, — for one running")
    func on() async throws {
        try await withShenbao { app in
            let (people, callID) = try await Self.decided(app)
            let saved = try await app.api(
                .PUT, "/api/v1/calls/\(callID)", token: people.province, json: ["publishesFinalState": true])
            #expect(saved.status == .ok)
            #expect(saved.body.string.contains("\"publishesFinalState\":true"))

            let api = try await app.api(.GET, "/api/v1/public/calls/\(callID)/funded")
            let funded = try api.content.decode(Funded.self)
            #expect(funded.publishesFinalState == true)
            let byProject = Dictionary(uniqueKeysWithValues: funded.items.map { ($0.project, $0) })
            #expect(byProject["项目A"]?.finalState == "acceptancePassed")
            #expect(byProject["项目A"]?.finalStateLabel == "验收通过")
            #expect(byProject["项目B"]?.finalStateLabel == "已结题（验收未通过）")
            #expect(byProject["项目C"]?.finalState == nil && byProject["项目C"]?.finalStateLabel == nil)

            let page = try await Browser(app).get("/calls/\(callID)/funded").body.string
            #expect(page.contains("<th>验收结果</th>"))
            let rowA = try #require(page.range(of: "项目A"))
            #expect(page[rowA.lowerBound...].prefix(300).contains("<td class=\"nowrap\">验收通过</td>"))
            let rowC = try #require(page.range(of: "项目C"))
            #expect(page[rowC.lowerBound...].prefix(300).contains("<td class=\"nowrap\">—</td>"))

            let xlsx = try await app.api(.GET, "/api/v1/public/calls/\(callID)/funded.xlsx")
            let strings = try CallEditorTests.zipEntry(Data(buffer: xlsx.body), "xl/sharedStrings.xml")
            #expect(strings.contains("验收结果") && strings.contains("验收通过") && strings.contains("已结题（验收未通过）"))
        }
    }

    @Test("the province's call page saves the setting and shows it ticked; unticked it is off again")
    func editorSaves() async throws {
        try await withShenbao { app in
            let (_, callID) = try await Self.decided(app)
            let clerk = Browser(app)
            try await clerk.logIn("sheng", TestUsers.password)
            let before = try await clerk.get("/admin/calls?callId=\(callID.uuidString)").body.string
            #expect(before.contains("在立项名单中公布验收结果"))
            #expect(
                !before.contains(
                    "name=\"publishesFinalState\" value=\"1\" aria-describedby=\"publishesFinalState-hint\" checked"))

            let saved = try await clerk.post(
                "/admin/calls/\(callID.uuidString)",
                form: [("title", "2025年度国际与区域科技交流类项目申报指南"), ("publishesFinalState", "1")])
            #expect(saved.status == .seeOther)
            let call = try #require(try await CallModel.find(callID, on: app.db))
            #expect(call.current.publishesFinalState == true)
            let ticked = try await clerk.get("/admin/calls?callId=\(callID.uuidString)").body.string
            #expect(
                ticked.contains(
                    "name=\"publishesFinalState\" value=\"1\" aria-describedby=\"publishesFinalState-hint\" checked"))
            let page = try await Browser(app).get("/calls/\(callID)/funded").body.string
            #expect(page.contains("验收通过"))

            let unticked = try await clerk.post(
                "/admin/calls/\(callID.uuidString)", form: [("title", "2025年度国际与区域科技交流类项目申报指南")])
            #expect(unticked.status == .seeOther)
            #expect(try #require(try await CallModel.find(callID, on: app.db)).current.publishesFinalState == false)
            #expect(!(try await Browser(app).get("/calls/\(callID)/funded").body.string.contains("验收结果")))
        }
    }
}
