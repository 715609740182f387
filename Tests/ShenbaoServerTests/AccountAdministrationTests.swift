import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Accounts administered for years: edited, disabled, searched; each person's sessions; the
/// separation of the system administrator, the province and the audit administrator; the trail.
@Suite struct AccountAdministrationTests {
    static func id(_ app: Application, _ username: String) async throws -> UUID {
        try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first()).requireID()
    }

    @Test("a disabled user's sessions and tokens end at once; it is refused at login and told why; re-enabled it works")
    func disable() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            try await browser.logIn("expert1", TestUsers.password)
            let token = try await app.apiToken("expert1")
            let province = try await app.apiToken("province1")
            let expert = try await Self.id(app, "expert1")

            let noReason = try await app.api(
                .POST, "/api/v1/users/\(expert)/disable", token: province, json: [:] as [String: String])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.problems?.errors.first?.message == "请填写停用原因")
            let disabled = try await app.api(
                .POST, "/api/v1/users/\(expert)/disable", token: province, json: ["reason": "已退出专家库"])
            #expect(disabled.status == .ok)
            #expect(try await browser.get("/reviews").headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await app.api(.GET, "/api/v1/reviews", token: token).status == .unauthorized)

            let login = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "expert1", "password": TestUsers.password])
            #expect(login.status == .forbidden)
            #expect(login.problems?.error.code == "accountDisabled")
            #expect(login.problems?.error.message.contains("已退出专家库") == true)
            let page = Browser(app)
            try await page.get("/login")
            let refused = try await page.post(
                "/login", form: [("username", "expert1"), ("password", TestUsers.password)])
            #expect(refused.body.string.contains("停用"))
            // A wrong password is still only "wrong": a stranger learns nothing about the account.
            let wrong = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "expert1", "password": "wrong-pass1"])
            #expect(wrong.status == .unauthorized)

            #expect(try await app.api(.POST, "/api/v1/users/\(expert)/enable", token: province).status == .ok)
            _ = try await app.apiToken("expert1")
            let actions = try await SecurityEventModel.query(on: app.db).filter(\.$subjectID == expert).all()
                .map(\.action)
            #expect(
                actions.contains(.userDisabled) && actions.contains(.loginRefused) && actions.contains(.userEnabled))
        }
    }

    @Test("the province administers the people of a call, never its own staff or the administrators")
    func separationOfDuties() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let province = try await app.apiToken("province1")
            let sysadmin = try await app.apiToken("sysadmin1")
            let staff: [String: String] = [
                "username": "hnkx-li", "password": "Chushi2025x", "role": "province", "contactName": "李科员",
                "phone": "0731-84884381", "email": "li@example.com",
            ]
            let refused = try await app.api(.POST, "/api/v1/users", token: province, json: staff)
            #expect(refused.status == .forbidden)
            #expect(refused.problems?.error.code == "roleNotAdministered")
            #expect(try await app.api(.POST, "/api/v1/users", token: sysadmin, json: staff).status == .created)
            for username in ["sysadmin1", "auditor1", "province1"] {
                let id = try await Self.id(app, username)
                #expect(try await app.api(.GET, "/api/v1/users/\(id)", token: province).status == .notFound)
                #expect(
                    try await app.api(.POST, "/api/v1/users/\(id)/disable", token: province, json: ["reason": "x"])
                        .status == .notFound)
            }
            let listed = try await app.api(.GET, "/api/v1/users", token: province)
                .content.decode([UsersController.UserDTO].self)
            #expect(Set(listed.map(\.role)).isSubset(of: [.applicant, .recommender, .expert, .finance]))
            // The system administrator runs accounts, not a call; the auditor reads and changes nothing.
            #expect(try await app.api(.GET, "/api/v1/applications/\(UUID())", token: sysadmin).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/experts", token: sysadmin).status == .forbidden)
            let auditor = try await app.apiToken("auditor1")
            #expect(try await app.api(.GET, "/api/v1/users", token: auditor).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/audit/events", token: auditor).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/audit/events", token: sysadmin).status == .forbidden)
        }
    }

    @Test("an edit changes the contact, names every mistake, and is a line of the trail")
    func edit() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let sysadmin = try await app.apiToken("sysadmin1")
            let finance = try await Self.id(app, "finance1")
            let bad = try await app.api(
                .PATCH, "/api/v1/users/\(finance)", token: sysadmin,
                json: ["contactName": "", "phone": "123", "email": "mail"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.fields == ["contactName", "phone", "email"])
            let good = try await app.api(
                .PATCH, "/api/v1/users/\(finance)", token: sysadmin,
                json: ["contactName": "张会计", "phone": "0731-84884381", "email": "zhang@example.com"])
            let user = try good.content.decode(UsersController.UserDTO.self)
            #expect(user.contactName == "张会计" && user.email == "zhang@example.com")
            let line = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .userEdited).first())
            #expect(line.detail.contains("邮箱：finance@example.com → zhang@example.com"))
            #expect(line.actorRole == "sysadmin")
        }
    }

    @Test("the list finds people by name, user name or organisation, by role and state, with their last login")
    func search() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            _ = try await app.apiToken("recommender1")
            let sysadmin = try await app.apiToken("sysadmin1")
            func find(_ query: String) async throws -> [String] {
                try await app.api(.GET, "/api/v1/users?\(query)", token: sysadmin)
                    .content.decode([UsersController.UserDTO].self).map(\.username)
            }
            #expect(try await find("q=长沙市") == ["recommender1"])
            #expect(try await find("q=expert") == ["expert1"])
            #expect(try await find("role=finance") == ["finance1"])
            let expert = try await Self.id(app, "expert1")
            _ = try await app.api(.POST, "/api/v1/users/\(expert)/disable", token: sysadmin, json: ["reason": "退出"])
            #expect(try await find("state=disabled") == ["expert1"])
            let bad = try await app.api(.GET, "/api/v1/users?role=boss&state=gone", token: sysadmin)
            #expect(bad.fields == ["role", "state"])

            let browser = Browser(app)
            try await browser.logIn("sysadmin1", TestUsers.password)
            let page = try await browser.get("/admin/users?q=%E9%95%BF%E6%B2%99")
            #expect(page.body.string.contains("recommender1"))
            #expect(!page.body.string.contains("applicant1"))
            let recommender = try await Self.id(app, "recommender1")
            let detail = try await browser.get("/admin/users/\(recommender)")
            #expect(!detail.body.string.contains("从未登录"))
            #expect(detail.body.string.contains("登录"))
        }
    }

    @Test("a user sees their sessions and previous login, and ending one signs that browser out")
    func sessions() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let first = Browser(app)
            try await first.logIn("applicant1", TestUsers.password)
            let second = Browser(app)
            try await second.logIn("applicant1", TestUsers.password)
            let workspace = try await second.get("/workspace")
            #expect(workspace.body.string.contains("上次登录："))
            #expect(!workspace.body.string.contains("这是您第一次登录"))

            let token = try await app.apiToken("applicant1")
            let account = try await app.api(.GET, "/api/v1/account", token: token)
                .content.decode(AccountController.AccountDTO.self)
            #expect(account.sessions.count == 2)
            #expect(account.previousLoginAt != nil)
            let page = try await second.get("/account")
            #expect(page.body.string.contains("当前浏览器"))
            // The page offers to end the other browser's session, not its own.
            let firstID = try #require(
                account.sessions.map(\.id).first { page.body.string.contains("/account/sessions/\($0)/end") })
            let ended = try await second.post("/account/sessions/\(firstID)/end", form: [])
            #expect(ended.status == .seeOther)
            #expect(try await first.get("/applications").headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await second.get("/applications").status == .ok)

            // Another user's session is not found, not ended.
            let other = try await app.apiToken("expert1")
            let secondID = try #require(
                try await app.api(.GET, "/api/v1/account/sessions", token: token)
                    .content.decode([AccountController.SessionDTO].self).first?.id)
            #expect(
                try await app.api(.DELETE, "/api/v1/account/sessions/\(secondID)", token: other).status == .notFound)
            #expect(try await second.get("/applications").status == .ok)
        }
    }

    @Test("logins, failed logins and account changes are in one chain that the auditor reads and verifies")
    func theTrail() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            _ = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "province1", "password": "wrong-pass1"])
            _ = try await app.api(.POST, "/api/v1/auth/login", json: ["username": "ghost", "password": "wrong-pass1"])
            let auditor = try await app.apiToken("auditor1")
            let failed = try await app.api(.GET, "/api/v1/audit/events?action=loginFailed", token: auditor)
                .content.decode(AuditController.Events.self)
            #expect(Set(failed.items.map(\.subjectName)) == ["province1", "ghost"])
            let logins = try await app.api(.GET, "/api/v1/audit/events?action=login", token: auditor)
                .content.decode(AuditController.Events.self)
            #expect(logins.items.map(\.subjectName).contains { $0.contains("auditor1") })
            let verified = try await app.api(.GET, "/api/v1/audit/verify", token: auditor)
                .content.decode(AuditController.Verification.self)
            #expect(verified.firstBreak == nil)
            #expect(verified.securityEvents >= 3)

            // A line changed afterwards breaks the chain, and the verification says where.
            let line = try #require(try await SecurityEventModel.query(on: app.db).sort(\.$sequence).first())
            line.detail = "改过"
            try await line.save(on: app.db)
            let broken = try await app.api(.GET, "/api/v1/audit/verify", token: auditor)
                .content.decode(AuditController.Verification.self)
            #expect(broken.firstBreak?.contains("安全审计日志第 1 条") == true)

            let browser = Browser(app)
            try await browser.logIn("auditor1", TestUsers.password)
            let page = try await browser.get("/admin/audit?verify=1")
            #expect(page.body.string.contains("核验未通过"))
            #expect(page.body.string.contains("登录失败"))
        }
    }
}
