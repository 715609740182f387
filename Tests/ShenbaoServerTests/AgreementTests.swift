import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import ShenbaoServer

/// Issue 30 item 1: after 立项 the unit downloads its award letter and its agreement pre-filled
/// from the application, uploads the agreement signed and stamped, and the province returns it
/// with a reason or confirms it; every step on the timeline and in the unit's messages.
@Suite("The funded project's award letter and agreement")
struct AgreementTests {
    /// MeetingDone's projects through a real notice and publication: A, B and C 已立项.
    static func published(_ app: Application) async throws -> MeetingDone {
        let people = try await MeetingDone.make(app)
        app.now = { beijing("2025-09-26 09:00") }
        let started = try await app.api(
            .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
        #expect(started.status == .created, "\(started.body.string)")
        app.now = { beijing("2025-10-10 09:00") }
        let published = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
        #expect(published.status == .ok, "\(published.body.string)")
        return people
    }

    static func documentXML(_ response: TestingHTTPResponse) throws -> String {
        try CallEditorTests.zipEntry(Data(buffer: response.body), "word/document.xml")
    }

    /// The texts of the document's runs, in order.
    static func texts(_ xml: String) -> [String] {
        xml.matches(of: /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/).map { String($0.output.1) }
    }

    @Test("the letter and the agreement say the project, its number, the amount in 万元 and its phases")
    func documents() async throws {
        try await withShenbao { app in
            let people = try await Self.published(app)
            let a = try #require(people.ids["A"])
            let path = "/api/v1/applications/\(a)/documents"
            let unit = try #require(try await ApplicationModel.find(a, on: app.db)?.organizationSnapshot?.name)
            let letter = try await app.api(.GET, path + "/award-letter.docx", token: people.applicantA)
            #expect(letter.status == .ok)
            let letterTexts = Self.texts(try Self.documentXML(letter))
            #expect(letterTexts.first == "立项通知书")
            #expect(letterTexts.contains("\(unit)："))
            #expect(letterTexts.contains("一、资助金额：15万元。"))
            #expect(letterTexts.contains { $0.contains("你单位申报的“项目A”") && $0.contains("获准立项") })
            #expect(letterTexts.suffix(2) == ["湖南省科学技术协会", "2025年10月10日"])

            let agreement = try await app.api(.GET, path + "/agreement.docx", token: people.province)
            let agreementTexts = Self.texts(try Self.documentXML(agreement))
            #expect(agreementTexts.contains("项目任务书"))
            #expect(agreementTexts.contains(unit) && agreementTexts.contains("15") && agreementTexts.contains("项目A"))
            #expect(agreementTexts.contains("甲方：湖南省科学技术协会") && agreementTexts.contains("乙方：\(unit)"))
            // The signature and date lines are printed empty, to be signed by hand.
            #expect(agreementTexts.contains("负责人签字：") && agreementTexts.contains("项目负责人签字："))
            #expect(agreementTexts.filter { $0 == "年　　月　　日" }.count == 2)

            // LibreOffice makes the PDF.
            let pdf = try await app.api(.GET, path + "/award-letter.pdf", token: people.applicantA)
            #expect(pdf.status == .ok)
            #expect(Data(buffer: pdf.body).starts(with: Array("%PDF".utf8)))

            // Not funded: no letter. Another unit: not found.
            let d = try #require(people.ids["D"])
            let none = try await app.api(
                .GET, "/api/v1/applications/\(d)/documents/award-letter.docx", token: people.province)
            #expect(none.status == .conflict)
            let b = try #require(people.ids["B"])
            let other = try await app.api(
                .GET, "/api/v1/applications/\(b)/documents/award-letter.docx", token: people.applicantA)
            #expect(other.status == .notFound || other.status == .forbidden)
        }
    }

    @Test("the agreement uploaded, returned with a reason, uploaded again and confirmed: 执行中, on the timeline")
    func agreementSteps() async throws {
        try await withShenbao { app in
            let people = try await Self.published(app)
            let a = try #require(people.ids["A"])
            func status() async throws -> ApplicationStatus? { try await ApplicationModel.find(a, on: app.db)?.status }

            // The province cannot confirm what was not uploaded; a Word file is not a scan.
            let early = try await app.api(.POST, "/api/v1/applications/\(a)/agreement/confirm", token: people.province)
            #expect(early.status == .conflict)
            let word = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agreement", name: "任务书.docx", data: Data("PK".utf8),
                to: "agreement")
            #expect(word.status == .unprocessableEntity)
            #expect(try await status() == .approved)

            let uploaded = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agreement", name: "任务书盖章.pdf", to: "agreement")
            #expect(uploaded.status == .ok, "\(uploaded.body.string)")
            #expect(try await status() == .agreementSubmitted)
            // A double click: the second upload finds it submitted already.
            let twice = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agreement", name: "任务书盖章.pdf", to: "agreement")
            #expect(twice.status == .conflict)

            // Only the province confirms or returns; a return needs its reason.
            let byUnit = try await app.api(
                .POST, "/api/v1/applications/\(a)/agreement/confirm", token: people.applicantA)
            #expect(byUnit.status == .forbidden)
            let noReason = try await app.api(
                .POST, "/api/v1/applications/\(a)/agreement/return", token: people.province, json: ["comment": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.problems?.errors.first?.message.contains("退回任务书的理由") == true)
            app.now = { beijing("2025-10-20 10:00") }
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(a)/agreement/return", token: people.province,
                json: ["comment": "第二阶段经费与申报书不一致"])
            #expect(returned.status == .ok)
            #expect(try await status() == .approved)
            let again = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agreement", name: "任务书盖章（修改）.pdf", to: "agreement")
            #expect(again.status == .ok)
            let confirmed = try await app.api(
                .POST, "/api/v1/applications/\(a)/agreement/confirm", token: people.province)
            #expect(confirmed.status == .ok)
            #expect(try await status() == .inProgress)

            // The province's tracking table: approved, paid and remaining, the state, the day confirmed.
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            struct Payment: Encodable {
                var paidOn = "2025-10-20"
                var amountYuan = 60_000
                var voucherNumber = "记-2025-101"
            }
            let paid = try await app.api(
                .POST, "/api/v1/applications/\(a)/disbursements", token: finance, json: Payment())
            #expect(paid.status == .created, "\(paid.body.string)")
            let table = try await app.api(.GET, "/api/v1/calls/2025/projects.xlsx", token: finance)
            #expect(table.status == .ok)
            let strings = try CallEditorTests.zipEntry(Data(buffer: table.body), "xl/sharedStrings.xml")
            let sheet = try CallEditorTests.zipEntry(Data(buffer: table.body), "xl/worksheets/sheet1.xml")
            #expect(strings.contains("项目A") && strings.contains("执行中") && strings.contains("已立项"))
            #expect(strings.contains("2025年10月20日"))
            #expect(sheet.contains("<v>15</v>") && sheet.contains("<v>6</v>") && sheet.contains("<v>9</v>"))
            #expect(
                try await app.api(.GET, "/api/v1/calls/2025/projects.xlsx", token: people.applicantA).status
                    == .forbidden)

            // The timeline has every step, the return with its reason; the unit was told each time.
            let events = try await ApplicationEventModel.query(on: app.db).filter(\.$application.$id == a)
                .sort(\.$sequence).all()
            let steps = events.compactMap { $0.toStatus }.suffix(4)
            #expect(Array(steps) == ["agreementSubmitted", "approved", "agreementSubmitted", "inProgress"])
            #expect(events.contains { $0.comment == "第二阶段经费与申报书不一致" })
            let organization = try #require(try await ApplicationModel.find(a, on: app.db)?.$organization.id)
            let unit = try await UserModel.query(on: app.db).filter(\.$organization.$id == organization).all()
            let titles = try await NotificationModel.query(on: app.db).filter(\.$userID ~~ unit.compactMap(\.id)).all()
                .map(\.title)
            #expect(titles.contains("项目任务书被退回") && titles.contains("项目任务书已确认"))
            // The letter keeps the day of 立项, not the day the agreement came back.
            let letter = try await app.api(
                .GET, "/api/v1/applications/\(a)/documents/award-letter.docx", token: people.applicantA)
            #expect(Self.texts(try Self.documentXML(letter)).last == "2025年10月10日")
            // The signed scans stay with the project.
            let files = try await AttachmentModel.query(on: app.db).filter(\.$application.$id == a)
                .filter(\.$kind == .agreement).count()
            #expect(files == 2)
        }
    }

    @Test("the project's page: the unit's downloads and upload form, the province's confirm and return")
    func page() async throws {
        try await withShenbao { app in
            let people = try await Self.published(app)
            let a = try #require(people.ids["A"])
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            let before = try await unit.get("/applications/\(a)").body.string
            #expect(before.contains("<h2>立项与项目任务书</h2>"))
            #expect(before.contains("href=\"/api/v1/applications/\(a)/documents/award-letter.pdf\""))
            #expect(before.contains("id=\"agreement-upload\""))
            #expect(!before.contains("id=\"agreement-confirm\""))

            let uploaded = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agreement", name: "任务书盖章.pdf", to: "agreement")
            #expect(uploaded.status == .ok)
            let province = Browser(app)
            try await province.logIn("sheng", TestUsers.password)
            let desk = try await province.get("/applications/\(a)").body.string
            #expect(desk.contains("申报单位已上传签字盖章的项目任务书，请核对后确认或退回。"))
            #expect(desk.contains("任务书盖章.pdf"))
            let noReason = try await province.post("/applications/\(a)/agreement/return", form: [("comment", "")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("id=\"agreement-comment-error\">请填写退回任务书的理由"))
            let returned = try await province.post(
                "/applications/\(a)/agreement/return", form: [("comment", "缺少乙方盖章")])
            #expect(returned.status == .seeOther)
            let told = try await unit.get("/applications/\(a)").body.string
            #expect(told.contains("省科协退回了项目任务书：缺少乙方盖章。请修改后重新上传。"))
            _ = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agreement", name: "任务书盖章2.pdf", to: "agreement")
            let confirmed = try await province.post("/applications/\(a)/agreement/confirm", form: [])
            #expect(confirmed.status == .seeOther)
            #expect(try await ApplicationModel.find(a, on: app.db)?.status == .inProgress)
        }
    }
}
