import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// 个人信息保护法: each form says what it collects; the province exports a person's data and
/// erases it once the retention period has passed, keeping the rows others need and an audit
/// line that names only the fact and the role.
@Suite("Personal information")
struct PersonalDataTests {
    /// Long after any retention period of these tests.
    static let later = beijing("2040-03-01 10:00")

    struct Export: Decodable {
        struct Account: Decodable {
            var username: String; var contactName: String; var phone: String; var email: String
        }
        struct Expert: Decodable { var name: String; var phone: String }
        struct Review: Decodable { var status: String; var total: Int? }
        struct Objection: Decodable { var name: String; var contact: String; var receipt: String }
        struct Retention: Decodable { var lastActiveYear: Int; var erasableFrom: String; var erasable: Bool }
        var kind: String
        var retention: Retention
        var account: Account?
        var expert: Expert?
        var reviews: [Review]?
        var objection: Objection?
    }

    /// Whether any audit line mentions one of `words` anywhere a person could be named.
    static func auditMentions(_ words: [String], _ app: Application) async throws -> Bool {
        let lines = try await SecurityEventModel.query(on: app.db).filter(\.$action == .personalDataErased).all()
        return lines.contains { line in
            words.contains { line.subjectName.contains($0) || line.detail.contains($0) }
        }
    }

    @Test("registration, the objection form and the expert pool say what they collect; an objection keeps no address")
    func notices() async throws {
        try await withShenbao { app in
            let register = try await Browser(app).get("/register").body.string
            for part in [PrivacyNotice.registration()].flatMap({
                [$0.collected, $0.purpose, $0.audience, $0.retention]
            }) {
                #expect(register.contains(part))
            }
            let people = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }
            let started = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            #expect(started.status == .created)
            let page = try await Browser(app).get("/calls/2025/notice").body.string
            #expect(page.contains(PrivacyNotice.objection().collected))
            #expect(page.contains(PrivacyNotice.objection().audience))
            let filed = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections",
                json: ObjectionInput(applicationId: people.ids["A"]!.uuidString))
            #expect(filed.status == .created)
            #expect(try await ObjectionModel.query(on: app.db).first()?.address == "")
        }
    }

    @Test("an account is exported whole; erasure waits for its date, then keeps only the fact and the role")
    func account() async throws {
        try await withShenbao { app in
            _ = try await ApplicationFixtures.registerApplicant(app)
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "hongsi").first())
            let id = try user.requireID()

            let exported = try await app.api(.GET, "/api/v1/users/\(id)/personal-data", token: province)
            #expect(exported.status == .ok)
            #expect(exported.headers.first(name: .contentDisposition)?.contains("personal-data-user-") == true)
            let body = try JSONDecoder().decode(Export.self, from: Data(exported.body.readableBytesView))
            #expect(body.account?.contactName == "王五")
            #expect(body.account?.email == "ws@example.com")
            let exportLine = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .personalDataExported).first())
            #expect(exportLine.subjectID == id)
            #expect(!exportLine.detail.contains("王五"))

            // Too early: refused, naming the day it becomes possible.
            let year = ChineseFormat.today(app.now()).year
            #expect(body.retention.lastActiveYear == year)
            let early = try await app.api(.POST, "/api/v1/users/\(id)/personal-data/erase", token: province)
            #expect(early.status == .conflict)
            #expect(early.problems?.error.code == "retentionNotPassed")
            #expect(
                early.problems?.error.message.contains(PersonalDataRetention().erasableFrom(lastYear: year).chinese)
                    == true)
            #expect(try await UserModel.find(id, on: app.db)?.contactName == "王五")

            app.now = { Self.later }
            let erased = try await app.api(.POST, "/api/v1/users/\(id)/personal-data/erase", token: province)
            #expect(erased.status == .ok)
            let after = try #require(try await UserModel.find(id, on: app.db))
            #expect(after.contactName == "已删除")
            #expect(after.phone == "已删除")
            #expect(after.email == "")
            #expect(after.username.hasPrefix("已删除-"))
            #expect(after.disabledAt != nil)
            // The organisation stays: it is not a person's data.
            #expect(try await OrganizationModel.query(on: app.db).filter(\.$name == "湖南鸿斯科技有限公司").count() == 1)
            // The account no longer signs in.
            let login = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "hongsi", "password": "Xiangjiang2025"])
            #expect(login.status == .unauthorized)
            // The audit line: the fact, the role and the record, nobody's name.
            let line = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .personalDataErased).first())
            #expect(line.subjectID == id)
            #expect(line.subjectName == "用户账号")
            #expect(line.detail.contains("申报单位用户"))
            #expect(!(try await Self.auditMentions(["王五", "hongsi", "13812345678", "ws@example.com"], app)))

            let twice = try await app.api(.POST, "/api/v1/users/\(id)/personal-data/erase", token: province)
            #expect(twice.problems?.error.code == "alreadyErased")
            // The province's own staff are not the province's to erase.
            let own = try #require(try await UserModel.query(on: app.db).filter(\.$username == "hnkx").first()?.id)
            #expect(
                try await app.api(.POST, "/api/v1/users/\(own)/personal-data/erase", token: province).status
                    == .forbidden)
        }
    }

    @Test("an expert's erasure keeps the submitted review; an objector's keeps the objection and its outcome")
    func expertAndObjector() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            let province = people.province
            let expertID = try #require(try await ReviewFixtures.experts(app, count: 1, province: province).first)
            let callID = try await ReviewFixtures.callID(app)
            let review = ReviewModel(
                callID: callID, applicationID: people.ids["A"]!, expertID: expertID, assignedBy: "auto")
            try await review.create(on: app.db)
            try await ReviewFixtures.submit(app, review: review, total: 77)
            let expert = try #require(try await ExpertModel.find(expertID, on: app.db))
            let accountID = try #require(expert.userID)

            // The account of an expert is the expert's record: one person, one export.
            let viaAccount = try await app.api(.GET, "/api/v1/users/\(accountID)/personal-data", token: province)
            let export = try JSONDecoder().decode(Export.self, from: Data(viaAccount.body.readableBytesView))
            #expect(export.kind == "expert")
            #expect(export.expert?.name == "专家expert1")
            #expect(export.account?.username == "expert1")
            #expect(export.reviews?.first?.total == 77)

            app.now = { Self.later }
            let erased = try await app.api(.POST, "/api/v1/experts/\(expertID)/personal-data/erase", token: province)
            #expect(erased.status == .ok, "\(erased.body.string)")
            let blank = try #require(try await ExpertModel.find(expertID, on: app.db))
            #expect(blank.name == "已删除")
            #expect(blank.phone == "已删除")
            #expect(!blank.active)
            #expect(try await UserModel.find(accountID, on: app.db)?.contactName == "已删除")
            let kept = try #require(try await ReviewModel.find(review.id, on: app.db))
            #expect(kept.status == .submitted)
            #expect(kept.total == 77)
            // Erased is erased: not filled in again, not put back in the pool.
            #expect(
                try await app.api(.POST, "/api/v1/experts/\(expertID)/activate", token: province).status == .conflict)
            #expect(
                try await app.api(.PATCH, "/api/v1/experts/\(expertID)", token: province, json: ["name": "回来了"]).status
                    == .conflict)
            #expect(!(try await Self.auditMentions(["专家expert1", "expert1", "13900000000"], app)))

            // An objector.
            app.now = { beijing("2025-09-26 09:00") }
            _ = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: province, json: ["startDate": "2025-09-26"])
            let filed = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections",
                json: ObjectionInput(applicationId: people.ids["B"]!.uuidString))
            #expect(filed.status == .created)
            let objection = try #require(try await ObjectionModel.query(on: app.db).first())
            let objectionID = try objection.requireID()
            let shown = try await app.api(.GET, "/api/v1/objections/\(objectionID)/personal-data", token: province)
            let objectionExport = try JSONDecoder().decode(Export.self, from: Data(shown.body.readableBytesView))
            #expect(objectionExport.objection?.name == "王建国")
            #expect(objectionExport.retention.erasableFrom == "2036年1月1日")
            let early = try await app.api(
                .POST, "/api/v1/objections/\(objectionID)/personal-data/erase", token: province)
            #expect(early.problems?.error.message.contains("2036年1月1日起方可删除") == true)
            app.now = { Self.later }
            let gone = try await app.api(
                .POST, "/api/v1/objections/\(objectionID)/personal-data/erase", token: province)
            #expect(gone.status == .ok)
            let after = try #require(try await ObjectionModel.find(objectionID, on: app.db))
            #expect(after.name == "已删除")
            #expect(after.contact == "已删除")
            #expect(after.receipt == objection.receipt)
            #expect(after.text == objection.text)
            #expect(!(try await Self.auditMentions(["王建国", "13912345678"], app)))
        }
    }

    @Test("the pages: find a person, export, and erase only with the box ticked after the period")
    func pages() async throws {
        try await withShenbao { app in
            _ = try await ApplicationFixtures.registerApplicant(app)
            _ = try await ReviewFixtures.token(app, "hnkx", .province)
            let id = try #require(try await UserModel.query(on: app.db).filter(\.$username == "hongsi").first()?.id)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let search = try await browser.get("/admin/personal-data?q=\(Browser.encode("王五"))")
            #expect(search.status == .ok)
            #expect(search.body.string.contains("/admin/personal-data/users/\(id)"))
            #expect(search.body.string.contains(PrivacyNotice.expertPool().title))
            let record = try await browser.get("/admin/personal-data/users/\(id)")
            #expect(record.body.string.contains("id=\"retention-refusal\""))

            let download = try await browser.post("/admin/personal-data/users/\(id)/export", form: [])
            #expect(download.status == .ok)
            #expect(download.headers.contentType?.subType == "json")
            #expect(download.body.string.contains("王五"))

            app.now = { Self.later }
            _ = try await browser.get("/admin/personal-data/users/\(id)")
            let unticked = try await browser.post("/admin/personal-data/users/\(id)/erase", form: [])
            #expect(unticked.status == .unprocessableEntity)
            #expect(unticked.body.string.contains("请勾选"))
            #expect(try await UserModel.find(id, on: app.db)?.contactName == "王五")
            let ticked = try await browser.post("/admin/personal-data/users/\(id)/erase", form: [("confirm", "1")])
            #expect(ticked.status == .seeOther)
            let done = try await browser.get(ticked.headers.first(name: .location) ?? "")
            #expect(done.body.string.contains("id=\"erased\""))
            #expect(try await UserModel.find(id, on: app.db)?.contactName == "已删除")
        }
    }
}
