import Fluent
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct UsersAndSetupTests {
    @Test func theProvinceCreatesARecommenderUserWhoCanThenLogIn() async throws {
        try await withShenbao { app in
            let users = try await TestUsers.create(on: app)
            let token = try await app.apiToken("province1")
            let yuelu = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$name == "岳麓区科学技术协会").first())
            let body: [String: String] = [
                "username": "yuelu-kx", "password": "Lushan2025x", "role": "recommender",
                "organizationId": try yuelu.requireID().uuidString, "contactName": "赵六",
                "phone": "0731-88881234", "email": "yuelu@example.com",
            ]
            let response = try await app.api(.POST, "/api/v1/users", token: token, json: body)
            #expect(response.status == .created)
            _ = try await app.apiToken("yuelu-kx", "Lushan2025x")

            let again = try await app.api(.POST, "/api/v1/users", token: token, json: body)
            #expect(again.status == .unprocessableEntity)
            #expect(again.fields == ["username"])

            // A recommender user must belong to a recommender, not to an applicant.
            var wrongOrg = body
            wrongOrg["username"] = "yuelu2"
            wrongOrg["organizationId"] = users.organizations[.applicant]?.uuidString
            let refused = try await app.api(.POST, "/api/v1/users", token: token, json: wrongOrg)
            #expect(refused.fields == ["organizationId"])

            // The organisation may be named by its full name, as a clerk knows it.
            var byName = body
            byName["username"] = "yuelu3"
            byName["organizationId"] = "岳麓区科学技术协会"
            #expect(try await app.api(.POST, "/api/v1/users", token: token, json: byName).status == .created)
            byName["username"] = "yuelu4"
            byName["organizationId"] = "岳麓区科协"
            let unknown = try await app.api(.POST, "/api/v1/users", token: token, json: byName)
            #expect(unknown.problems?.errors.first?.message.contains("岳麓区科协") == true)
        }
    }

    @Test func badUserInputNamesEveryField() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let token = try await app.apiToken("province1")
            let response = try await app.api(
                .POST, "/api/v1/users", token: token,
                json: ["username": "x", "password": "abc", "role": "boss", "email": "mail"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.fields == ["username", "password", "role", "contactName", "phone", "email"])
        }
    }

    @Test func onlyTheProvinceManagesUsers() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            #expect(try await app.api(.GET, "/api/v1/users").status == .unauthorized)
            for actor in [Actor.applicant, .recommender, .finance, .expert] {
                let token = try await app.apiToken(actor.rawValue + "1")
                let response = try await app.api(.POST, "/api/v1/users", token: token, json: ["username": "sneaky"])
                #expect(response.status == .forbidden, "\(actor)")
                #expect(response.problems?.error.message.contains("权限") == true)
            }
            #expect(try await UserModel.query(on: app.db).filter(\.$username == "sneaky").count() == 0)
        }
    }

    @Test func theAdminPageCreatesUsersAndShowsMistakesBesideFields() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            try await browser.logIn("province1", TestUsers.password)
            try await browser.get("/admin/users")
            let bad = try await browser.post("/admin/users", form: [("username", "expert-li"), ("role", "expert")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("请填写密码"))
            #expect(bad.body.string.contains("value=\"expert-li\""))
            let good = try await browser.post(
                "/admin/users",
                form: [
                    ("username", "expert-li"), ("password", "Expert2025"), ("role", "expert"), ("contactName", "李教授"),
                    ("phone", "13912345678"), ("email", "li@example.com"),
                ])
            #expect(good.status == .seeOther)
            let list = try await browser.get(try #require(good.headers.first(name: .location)))
            #expect(list.body.string.contains("已创建用户 expert-li"))
            #expect(list.body.string.contains("李教授"))
        }
    }

    @Test func theSetupLinkCreatesTheFirstSystemAdministratorOnceOnly() async throws {
        try await withShenbao { app in
            let token = try #require(try await SetupController.issueTokenIfNeeded(on: app.db))
            let browser = Browser(app)
            #expect(try await browser.get("/setup/wrong-token").status == .notFound)
            let form = try await browser.get("/setup/\(token)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("创建系统管理员"))
            let fields = [
                ("username", "admin"), ("password", "Kexie2025x"), ("contactName", "李嘉玮"),
                ("phone", "0731-84884381"), ("email", "hnkxgjb@126.com"),
            ]
            let created = try await browser.post("/setup/\(token)", form: fields)
            #expect(created.status == .seeOther)
            let admin = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
            #expect(admin.role == .sysadmin)
            #expect(admin.mustChangePassword == false)
            #expect(try await browser.get("/admin/users").status == .ok)

            // The link is spent, and no new one is issued while a system administrator exists.
            let other = Browser(app)
            #expect(try await other.get("/setup/\(token)").status == .gone)
            #expect(try await SetupController.issueTokenIfNeeded(on: app.db) == nil)
        }
    }

    @Test func aNewerSetupLinkReplacesTheOlderOne() async throws {
        try await withShenbao { app in
            let first = try #require(try await SetupController.issueTokenIfNeeded(on: app.db))
            let second = try #require(try await SetupController.issueTokenIfNeeded(on: app.db))
            let browser = Browser(app)
            #expect(try await browser.get("/setup/\(first)").status == .notFound)
            #expect(try await browser.get("/setup/\(second)").status == .ok)
        }
    }
}
