import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The province's register of applicant organisations: hand registration of a code failing its
/// check character, edits with the name history, and nothing merged or changed behind anyone.
@Suite("Applicant organisations")
struct OrganizationAdminTests {
    /// The 2015 Fujian pilot code of the reference README: genuine, failing the check character.
    static let pilotCode = "91350100M0001TGQXM"
    static let reason = "已核对营业执照原件，代码与证照一致，系2015年试点期间赋码"

    static func organization(name: String = "福州试点科技有限公司", uscc: String = pilotCode) -> [String: Any] {
        [
            "name": name, "uscc": uscc, "legalRepresentative": "陈六", "address": "长沙市天心区书院路9号",
            "postalCode": "410002", "phone": "0731-85012345", "nature": "enterprise",
            "applicantKind": "provincialInstitution", "divisionCode": "430103",
            "bankAccount": ["accountName": name, "bankName": "中国银行长沙天心支行", "accountNumber": "600012345678"],
        ]
    }

    static func body(_ organization: [String: Any], reason: String? = nil) -> String {
        var body: [String: Any] = ["organization": organization]
        if let reason { body["usccExceptionReason"] = reason }
        return String(decoding: try! JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    struct Detail: Decodable {
        struct Exception: Decodable { var reason: String; var approvedById: UUID?; var approvedByName: String }
        struct Change: Decodable { var oldName: String; var newName: String; var changedByName: String }
        var id: UUID
        var name: String
        var usccException: Exception?
        var nameHistory: [Change]
    }

    struct Summary: Decodable {
        var id: UUID
        var name: String
        var formerNames: [String]
        var usccException: Bool
    }

    @Test("a code failing only its check character: refused to applicants, accepted from the province with a reason")
    func handRegistration() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let provinceID = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "hnkx").first()?.id)

            // Self-registration keeps refusing it.
            let own = try await app.api(
                .POST, "/api/v1/registrations", rawBody: RegistrationTests.validJSON(uscc: Self.pilotCode))
            #expect(own.status == .unprocessableEntity)
            #expect(own.problems?.errors.map(\.code) == ["invalidCheckCharacter"])

            // The province without a reason: both fields named, nothing stored.
            let bare = try await app.api(
                .POST, "/api/v1/organizations", token: province, rawBody: Self.body(Self.organization()))
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.fields == ["organization.uscc", "usccExceptionReason"])
            #expect(bare.problems?.errors.allSatisfy { $0.message.contains("理由") } == true)
            let short = try await app.api(
                .POST, "/api/v1/organizations", token: province, rawBody: Self.body(Self.organization(), reason: "核对过"))
            #expect(short.problems?.errors.first { $0.field == "usccExceptionReason" }?.code == "tooShort")
            #expect(try await OrganizationModel.query(on: app.db).filter(\.$uscc == Self.pilotCode).count() == 0)

            // With a reason: stored with its approver and time, and audited.
            let created = try await app.api(
                .POST, "/api/v1/organizations", token: province,
                rawBody: Self.body(Self.organization(), reason: Self.reason))
            #expect(created.status == .created)
            let detail = try created.content.decode(Detail.self)
            #expect(detail.usccException?.reason == Self.reason)
            #expect(detail.usccException?.approvedById == provinceID)
            let stored = try #require(try await OrganizationModel.find(detail.id, on: app.db))
            #expect(stored.kind == .applicant)
            #expect(stored.usccExceptionAt != nil)
            let audit = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .organizationCreated).first())
            #expect(audit.subjectID == detail.id)
            #expect(audit.actorID == provinceID)
            #expect(audit.detail.contains(Self.reason))

            // The code stays unique, either way: by hand again, or a valid code registered twice.
            let again = try await app.api(
                .POST, "/api/v1/organizations", token: province,
                rawBody: Self.body(Self.organization(name: "另一家公司"), reason: Self.reason))
            #expect(again.status == .unprocessableEntity)
            #expect(again.problems?.errors.first?.code == "duplicate")
            #expect(again.problems?.errors.first?.message.contains("福州试点科技有限公司") == true)
            let applicant = try await ApplicationFixtures.registerApplicant(app)
            let handOfRegistered = try await app.api(
                .POST, "/api/v1/organizations", token: province,
                rawBody: Self.body(Self.organization(uscc: "91430100MAE5UXKE2R")))
            #expect(handOfRegistered.problems?.errors.map(\.code) == ["duplicate"])
            // A valid code by hand needs no reason, and stores none.
            let valid = try await app.api(
                .POST, "/api/v1/organizations", token: province,
                rawBody: Self.body(
                    Self.organization(name: "冷水江钢铁有限责任公司", uscc: "91431381748373560G"), reason: Self.reason))
            #expect(valid.status == .created)
            #expect(try valid.content.decode(Detail.self).usccException == nil)

            // Only the province.
            let refused = try await app.api(
                .POST, "/api/v1/organizations", token: applicant,
                rawBody: Self.body(Self.organization(uscc: "91330100716105852F"), reason: Self.reason))
            #expect(refused.status == .forbidden)
        }
    }

    @Test("an edit keeps the old name in the history and never changes a submitted application's copy")
    func editKeepsHistoryAndSnapshots() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let applicationID = try await ApplicationFixtures.submitted(app, people)
            let organization = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$name == "湖南鸿斯科技有限公司").first())
            let id = try organization.requireID()

            let renamed = try await app.api(
                .PATCH, "/api/v1/organizations/\(id)", token: people.province,
                json: ["organization": ["name": "湖南鸿斯智能科技有限公司", "address": "长沙市岳麓区麓谷大道2号"]])
            #expect(renamed.status == .ok)
            let detail = try renamed.content.decode(Detail.self)
            #expect(detail.name == "湖南鸿斯智能科技有限公司")
            #expect(detail.nameHistory.map(\.oldName) == ["湖南鸿斯科技有限公司"])
            #expect(detail.nameHistory.first?.changedByName.isEmpty == false)
            // The submitted application keeps what was submitted.
            let application = try #require(try await ApplicationModel.find(applicationID, on: app.db))
            #expect(application.organizationSnapshot?.name == "湖南鸿斯科技有限公司")
            #expect(application.organizationSnapshot?.address == "长沙市岳麓区麓谷大道1号")
            let edited = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .organizationEdited).first())
            #expect(edited.detail.contains("单位名称"))
            #expect(edited.detail.contains("地址"))
            #expect(edited.detail.contains("湖南鸿斯科技有限公司"))

            // Found by its former name.
            let found = try await app.api(
                .GET, "/api/v1/organizations?q=\(Browser.encode("鸿斯科技"))", token: people.province
            ).content.decode([Summary].self)
            #expect(found.map(\.id) == [id])
            #expect(found.first?.formerNames == ["湖南鸿斯科技有限公司"])

            // Every problem at once; nothing written.
            let bad = try await app.api(
                .PATCH, "/api/v1/organizations/\(id)", token: people.province,
                json: ["organization": ["name": "", "postalCode": "12", "uscc": "91330100716105852X"]])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.fields.isSuperset(of: ["organization.name", "organization.postalCode", "organization.uscc"]))
            #expect(try await OrganizationModel.find(id, on: app.db)?.name == "湖南鸿斯智能科技有限公司")

            // Another organisation's code is refused: two organisations are never merged.
            let other = try await app.api(
                .POST, "/api/v1/organizations", token: people.province,
                rawBody: Self.body(Self.organization(name: "冷水江钢铁有限责任公司", uscc: "91431381748373560G")))
            #expect(other.status == .created)
            let clash = try await app.api(
                .PATCH, "/api/v1/organizations/\(id)", token: people.province,
                json: ["organization": ["uscc": "91431381748373560G"]])
            #expect(clash.problems?.errors.map(\.code) == ["duplicate"])
            #expect(clash.problems?.errors.first?.message.contains("冷水江钢铁有限责任公司") == true)

            // Changing to a pilot code needs a reason, as registering one does.
            let pilot = try await app.api(
                .PATCH, "/api/v1/organizations/\(id)", token: people.province,
                json: ["organization": ["uscc": Self.pilotCode]])
            #expect(pilot.fields == ["organization.uscc", "usccExceptionReason"])

            // Not an applicant organisation, or not there: 404; a search too long: 422.
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            #expect(
                try await app.api(.GET, "/api/v1/organizations/\(county)", token: people.province).status == .notFound)
            let long = String(repeating: "长", count: 101)
            let tooLong = try await app.api(
                .GET, "/api/v1/organizations?q=\(Browser.encode(long))", token: people.province)
            #expect(tooLong.status == .unprocessableEntity)
        }
    }

    @Test("the pages: hand registration with its reason beside the field, then the edit with the name history")
    func pages() async throws {
        try await withShenbao { app in
            _ = try await ReviewFixtures.token(app, "hnkx", .province)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let form = try await browser.get("/admin/organizations/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("人工登记理由"))

            var fields: [(String, String)] = [
                ("organization[name]", "福州试点科技有限公司"), ("organization[uscc]", Self.pilotCode),
                ("organization[legalRepresentative]", "陈六"), ("organization[address]", "长沙市天心区书院路9号"),
                ("organization[postalCode]", "410002"), ("organization[phone]", "0731-85012345"),
                ("organization[nature]", "enterprise"), ("organization[applicantKind]", "provincialInstitution"),
                ("organization[divisionCode]", "430103"),
                ("organization[bankAccount][accountName]", "福州试点科技有限公司"),
                ("organization[bankAccount][bankName]", "中国银行长沙天心支行"),
                ("organization[bankAccount][accountNumber]", "600012345678"),
            ]
            let refused = try await browser.post("/admin/organizations", form: fields)
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("共有 2 处需要修改"))
            #expect(
                page.contains("class=\"field invalid\"><label for=\"usccExceptionReason\"")
                    || page.contains("请填写人工登记理由"))
            // What was typed is kept.
            #expect(page.contains(Self.pilotCode))

            fields.append(("usccExceptionReason", Self.reason))
            let created = try await browser.post("/admin/organizations", form: fields)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let shown = try await browser.get(location)
            #expect(shown.body.string.contains("已登记该申报单位"))
            #expect(shown.body.string.contains("id=\"uscc-exception\""))
            #expect(shown.body.string.contains(Self.reason))

            let path = String(location.prefix { $0 != "?" })
            var edit = fields.filter { $0.0 != "organization[name]" }
            edit.append(("organization[name]", "湖南试点科技有限公司"))
            let saved = try await browser.post(path, form: edit)
            #expect(saved.status == .seeOther)
            let after = try await browser.get(path)
            #expect(after.body.string.contains("id=\"name-history\""))
            #expect(after.body.string.contains("福州试点科技有限公司"))

            let list = try await browser.get("/admin/organizations?q=\(Browser.encode("福州试点"))")
            #expect(list.body.string.contains("湖南试点科技有限公司"))
            #expect(list.body.string.contains("人工核验"))
            // An edit sending the same reason again makes no new approval, and no new line.
            let unchanged = try await browser.post(path, form: edit)
            #expect(unchanged.status == .seeOther)
            #expect(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .organizationEdited).count() == 1)
        }
    }
}
