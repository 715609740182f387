import Fluent
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct RegistrationTests {
    /// A complete, correct registration of a real Changsha company (its USCC passes GB 32100).
    static func validBody(uscc: String = "91430100MAE5UXKE2R", username: String = "hongsi") -> [String: [String:
        String]]
    {
        [
            "organization": [
                "name": "湖南鸿斯科技有限公司", "uscc": uscc, "legalRepresentative": "张三",
                "address": "长沙市岳麓区麓谷大道1号", "postalCode": "410205", "phone": "0731-88886666",
                "nature": "enterprise", "applicantKind": "provincialInstitution", "divisionCode": "430104",
            ],
            "user": [
                "username": username, "password": "Xiangjiang2025", "contactName": "王五",
                "phone": "13812345678", "email": "ws@example.com",
            ],
        ]
    }

    /// The same as JSON with the bank account, which is nested one level deeper.
    static func validJSON(uscc: String = "91430100MAE5UXKE2R", username: String = "hongsi") -> String {
        var body = validBody(uscc: uscc, username: username) as [String: Any]
        var organization = body["organization"] as! [String: Any]
        organization["bankAccount"] = [
            "accountName": "湖南鸿斯科技有限公司", "bankName": "中国工商银行长沙麓谷支行",
            "accountNumber": "1901001234567890123",
        ]
        body["organization"] = organization
        let data = try! JSONSerialization.data(withJSONObject: body)
        return String(decoding: data, as: UTF8.self)
    }

    struct Registered: Decodable {
        struct Warning: Decodable { var field: String; var message: String }
        var organizationId: UUID
        var userId: UUID
        var warnings: [Warning]
    }

    @Test func aCorrectRegistrationCreatesTheOrganizationAndAUserWhoCanLogIn() async throws {
        try await withShenbao { app in
            let response = try await app.api(.POST, "/api/v1/registrations", rawBody: Self.validJSON())
            #expect(response.status == .created)
            let registered = try response.content.decode(Registered.self)
            #expect(registered.warnings.isEmpty)
            let organization = try #require(try await OrganizationModel.find(registered.organizationId, on: app.db))
            #expect(organization.kind == .applicant)
            #expect(organization.uscc == "91430100MAE5UXKE2R")
            #expect(organization.bankAccountNumber == "1901001234567890123")
            let user = try #require(try await UserModel.find(registered.userId, on: app.db))
            #expect(user.role == .applicant)
            #expect(user.$organization.id == registered.organizationId)
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(!user.passwordHash.contains("Xiangjiang2025"))
            _ = try await app.apiToken("hongsi", "Xiangjiang2025")
        }
    }

    @Test func everyProblemIsReportedAtOnceOnItsFieldAndNothingIsWritten() async throws {
        try await withShenbao { app in
            let body =
                #"{"organization":{"name":"","uscc":"91430100MAE5UXKE2X","postalCode":"41020","phone":"123","nature":"company","applicantKind":"x","divisionCode":"999999","bankAccount":{"accountNumber":"12ab"}},"user":{"username":"a","password":"short","email":"not-mail"}}"#
            let response = try await app.api(.POST, "/api/v1/registrations", rawBody: body)
            #expect(response.status == .unprocessableEntity)
            let fields = response.fields
            for field in [
                "organization.name", "organization.uscc", "organization.legalRepresentative", "organization.address",
                "organization.postalCode", "organization.phone", "organization.nature", "organization.applicantKind",
                "organization.divisionCode", "organization.bankAccount.accountName",
                "organization.bankAccount.bankName",
                "organization.bankAccount.accountNumber", "user.username", "user.password", "user.contactName",
                "user.phone", "user.email",
            ] {
                #expect(fields.contains(field), "\(field) missing from \(fields)")
            }
            let uscc = response.problems?.errors.first { $0.field == "organization.uscc" }
            #expect(uscc?.code == "invalidCheckCharacter")
            #expect(uscc?.message.contains("统一社会信用代码") == true)
            #expect(
                response.problems?.errors.allSatisfy { $0.message.unicodeScalars.contains { $0.value >= 0x4E00 } }
                    == true)
            #expect(try await OrganizationModel.query(on: app.db).filter(\.$kind == .applicant).count() == 0)
            #expect(try await UserModel.query(on: app.db).count() == 0)
        }
    }

    @Test func aSecondRegistrationOfTheSameCodeIsRefusedOnTheCodeField() async throws {
        try await withShenbao { app in
            #expect(try await app.api(.POST, "/api/v1/registrations", rawBody: Self.validJSON()).status == .created)
            // Spaces and lower case are how people type it; it is still the same code.
            let again = try await app.api(
                .POST, "/api/v1/registrations", rawBody: Self.validJSON(uscc: "91430100mae5uxke2r ", username: "other"))
            #expect(again.status == .unprocessableEntity)
            #expect(again.fields == ["organization.uscc"])
            #expect(again.problems?.errors.first?.code == "duplicate")
            let sameUser = try await app.api(
                .POST, "/api/v1/registrations", rawBody: Self.validJSON(uscc: "914403001922038216", username: "hongsi"))
            #expect(sameUser.fields == ["user.username"])
        }
    }

    @Test func aBodyThatIsNotJSONIs400AndAFieldOfTheWrongTypeIs422() async throws {
        try await withShenbao { app in
            let broken = try await app.api(.POST, "/api/v1/registrations", rawBody: #"{"organization": {"#)
            #expect(broken.status == .badRequest)
            #expect(broken.problems?.error.code == "malformedBody")
            let wrongType = try await app.api(
                .POST, "/api/v1/registrations", rawBody: #"{"organization": {"name": 5}}"#)
            #expect(wrongType.status == .unprocessableEntity)
            #expect(wrongType.fields == ["organization.name"])
        }
    }

    @Test func aCodeRegisteredElsewhereIsAWarningNotARefusal() async throws {
        try await withShenbao { app in
            // 冷水江钢铁's code names 冷水江市 (娄底); registering it under 长沙 is possible but remarked on.
            var body = Self.validBody(uscc: "91431381748373560G")
            body["organization"]?["divisionCode"] = "430104"
            let response = try await app.api(.POST, "/api/v1/registrations", json: body)
            #expect(response.status == .unprocessableEntity)  // no bank account in this body
            #expect(response.fields.allSatisfy { $0.hasPrefix("organization.bankAccount") })

            let json = Self.validJSON(uscc: "91431381748373560G")
            let created = try await app.api(.POST, "/api/v1/registrations", rawBody: json)
            #expect(created.status == .created)
            let warnings = try created.content.decode(Registered.self).warnings
            #expect(warnings.map(\.field) == ["organization.divisionCode"])
        }
    }

    @Test func thePageShowsEachMistakeBesideItsFieldAndKeepsWhatWasTyped() async throws {
        try await withShenbao { app in
            let browser = Browser(app)
            #expect(try await browser.get("/register").status == .ok)
            let page = try await browser.post(
                "/register",
                form: [
                    ("organization[name]", "湖南鸿斯科技有限公司"), ("organization[uscc]", "91430100MAE5UXKE2X"),
                    ("user[username]", "hongsi"), ("user[password]", "Xiangjiang2025"),
                    ("passwordConfirm", "Hongsi2026"),
                ])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("value=\"湖南鸿斯科技有限公司\""))
            #expect(html.contains("value=\"hongsi\""))
            #expect(!html.contains("Xiangjiang2025"))
            #expect(html.contains("再次输入密码与密码不一致"))
            #expect(html.contains("统一社会信用代码校验不通过"))
            #expect(html.contains("请填写法人代表"))
            // The mistake sits inside the field's own block.
            let uscc = try #require(html.range(of: "id=\"organization_uscc\""))
            let nextField = try #require(html.range(of: "id=\"organization_legalRepresentative\""))
            #expect(html[uscc.upperBound..<nextField.lowerBound].contains("field-error"))
            #expect(try await UserModel.query(on: app.db).count() == 0)
        }
    }

    @Test func thePageRegistersSignsInAndLandsInTheWorkspace() async throws {
        try await withShenbao { app in
            let browser = Browser(app)
            try await browser.get("/register")
            var form: [(String, String)] = []
            for (section, fields) in Self.validBody() {
                for (key, value) in fields { form.append(("\(section)[\(key)]", value)) }
            }
            form += [
                ("organization[bankAccount][accountName]", "湖南鸿斯科技有限公司"),
                ("organization[bankAccount][bankName]", "中国工商银行长沙麓谷支行"),
                ("organization[bankAccount][accountNumber]", "1901001234567890123"),
                ("passwordConfirm", "Xiangjiang2025"),
            ]
            let response = try await browser.post("/register", form: form)
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/workspace?registered=1")
            let workspace = try await browser.get("/workspace?registered=1")
            #expect(workspace.status == .ok)
            #expect(workspace.body.string.contains("注册成功"))
            #expect(workspace.body.string.contains("湖南鸿斯科技有限公司"))
            // A double click sends the same form again: it is refused, not registered twice.
            try await browser.get("/register")
            let again = try await browser.post("/register", form: form)
            #expect(again.status == .unprocessableEntity)
            #expect(try await OrganizationModel.query(on: app.db).filter(\.$kind == .applicant).count() == 1)
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefused() async throws {
        try await withShenbao { app in
            let browser = Browser(app)
            try await browser.get("/register")
            let response = try await browser.post("/register", form: [("organization[name]", "x")], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("页面已过期"))
        }
    }
}

@Suite struct LargeFormTests {
    /// A real browser sends a long form in several network reads; its CSRF token must still be found.
    @Test func aLongFormOverRealHTTPKeepsItsToken() async throws {
        try await withShenbao { app in
            let browser = Browser(app, method: .running(hostname: "127.0.0.1", port: 0))
            #expect(try await browser.get("/register").status == .ok)
            let response = try await browser.post(
                "/register",
                form: [("organization[name]", String(repeating: "湖南鸿斯科技有限公司", count: 2000))])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("单位名称"))
        }
    }
}
