import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Passwords after the account exists: changed by its owner, set through a one-time link (given
/// by an administrator or asked for as 忘记密码), and chosen at first login for accounts made by
/// an administrator. Each ends the old sessions and tokens.
@Suite struct PasswordTests {
    static let newPassword = "Yuelushan2026"

    /// The link an administrator gets for `username`, through the API.
    static func link(_ app: Application, for username: String, by token: String) async throws -> String {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        let response = try await app.api(.POST, "/api/v1/users/\(try user.requireID())/password-link", token: token)
        #expect(response.status == .created)
        let url = try response.content.decode(PasswordService.Link.self).url
        return String(try #require(url.split(separator: "/password/").last))
    }

    @Test("a changed password ends every other session and token, keeps this one, and needs the current password")
    func changeEndsTheOthers() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let elsewhere = Browser(app)
            try await elsewhere.logIn("applicant1", TestUsers.password)
            let oldToken = try await app.apiToken("applicant1")
            let here = Browser(app)
            try await here.logIn("applicant1", TestUsers.password)
            try await here.get("/account/password")

            let wrong = try await here.post(
                "/account/password",
                form: [
                    ("currentPassword", "nope12345"), ("newPassword", "password1"),
                    ("newPasswordConfirm", "password2"),
                ])
            #expect(wrong.status == .unprocessableEntity)
            for message in ["当前密码不正确", "最常见的1000个密码之一", "两次输入的新密码不一致"] {
                #expect(wrong.body.string.contains(message), "\(message)")
            }
            let changed = try await here.post(
                "/account/password",
                form: [
                    ("currentPassword", TestUsers.password), ("newPassword", Self.newPassword),
                    ("newPasswordConfirm", Self.newPassword),
                ])
            #expect(changed.status == .seeOther)
            #expect(try await here.get("/applications").status == .ok)
            #expect(
                try await elsewhere.get("/applications").headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await app.api(.GET, "/api/v1/applications", token: oldToken).status == .unauthorized)
            _ = try await app.apiToken("applicant1", Self.newPassword)
            let events = try await SecurityEventModel.query(on: app.db).filter(\.$action == .passwordChanged).count()
            #expect(events == 1)
        }
    }

    @Test("through the API, a change keeps the token that made it and ends the others")
    func apiChange() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let other = try await app.apiToken("expert1")
            let token = try await app.apiToken("expert1")
            let bad = try await app.api(
                .POST, "/api/v1/account/password", token: token,
                json: ["currentPassword": TestUsers.password, "newPassword": "expert1abc"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problems?.errors.map(\.code) == ["containsUsername"])
            let good = try await app.api(
                .POST, "/api/v1/account/password", token: token,
                json: ["currentPassword": TestUsers.password, "newPassword": Self.newPassword])
            #expect(good.status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/account", token: token).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/account", token: other).status == .unauthorized)
        }
    }

    @Test("an administrator's link sets the password once, within 24 hours, and ends every old session and token")
    func resetLink() async throws {
        try await withShenbao(environment: ["SHENBAO_SENDMAIL": "/bin/true"]) { app in
            _ = try await TestUsers.create(on: app)
            let province = try await app.apiToken("province1")
            let session = Browser(app)
            try await session.logIn("recommender1", TestUsers.password)
            let oldToken = try await app.apiToken("recommender1")
            let token = try await Self.link(app, for: "recommender1", by: province)
            // Sent by e-mail too, as the user has an address.
            let mail = try await MailOutboxModel.query(on: app.db).filter(\.$recipient == "recommender@example.com")
                .all()
            #expect(mail.contains { $0.body.contains("/password/\(token)") })

            let browser = Browser(app)
            let form = try await browser.get("/password/\(token)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("recommender1"))
            let weak = try await browser.post(
                "/password/\(token)", form: [("newPassword", "abc"), ("newPasswordConfirm", "abc")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("密码至少8个字符"))
            let set = try await browser.post(
                "/password/\(token)",
                form: [("newPassword", Self.newPassword), ("newPasswordConfirm", Self.newPassword)])
            #expect(set.headers.first(name: .location) == "/login?passwordSet=1")
            #expect(try await session.get("/inbox").headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await app.api(.GET, "/api/v1/applications", token: oldToken).status == .unauthorized)
            _ = try await app.apiToken("recommender1", Self.newPassword)

            // Once only.
            let again = try await app.api(
                .POST, "/api/v1/auth/password-links/\(token)", json: ["newPassword": "Another2026x"])
            #expect(again.status == .gone)
            #expect(again.problems?.error.code == "passwordLinkUsed")

            // Within its time only.
            let late = try await Self.link(app, for: "recommender1", by: province)
            let record = try #require(
                try await PasswordLinkModel.query(on: app.db).filter(\.$tokenHash == Secrets.hash(late)).first())
            record.expiresAt = Date().addingTimeInterval(-1)
            try await record.save(on: app.db)
            let expired = try await app.api(
                .POST, "/api/v1/auth/password-links/\(late)", json: ["newPassword": "Another2026x"])
            #expect(expired.status == .gone)
            #expect(expired.problems?.error.message.contains("24小时") == true)
            _ = try await app.apiToken("recommender1", Self.newPassword)
        }
    }

    @Test("a newer link replaces an older unused one")
    func newerLinkWins() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let province = try await app.apiToken("province1")
            let first = try await Self.link(app, for: "expert1", by: province)
            let second = try await Self.link(app, for: "expert1", by: province)
            #expect(try await Browser(app).get("/password/\(first)").status == .notFound)
            #expect(try await Browser(app).get("/password/\(second)").status == .ok)
        }
    }

    @Test(
        "forgot-password answers the same for an account and for nobody, and sends a working link only to the account")
    func forgotPassword() async throws {
        try await withShenbao(environment: ["SHENBAO_SENDMAIL": "/bin/true"]) { app in
            _ = try await TestUsers.create(on: app)
            let known = try await app.api(.POST, "/api/v1/auth/forgot-password", json: ["identifier": "finance1"])
            let unknown = try await app.api(.POST, "/api/v1/auth/forgot-password", json: ["identifier": "nobody-here"])
            #expect(known.status == .accepted)
            #expect(unknown.status == known.status)
            #expect(unknown.body.string == known.body.string)
            let byEmail = try await app.api(
                .POST, "/api/v1/auth/forgot-password", json: ["identifier": "expert@example.com"])
            #expect(byEmail.body.string == known.body.string)

            let mails = try await MailOutboxModel.query(on: app.db).all()
            #expect(Set(mails.map(\.recipient)) == ["finance@example.com", "expert@example.com"])
            let body = try #require(mails.first { $0.recipient == "finance@example.com" }?.body)
            let token = try #require(body.split(separator: "/password/").last?.split(separator: "\n").first)
            let set = try await app.api(
                .POST, "/api/v1/auth/password-links/\(token)", json: ["newPassword": Self.newPassword])
            #expect(set.status == .noContent)
            _ = try await app.apiToken("finance1", Self.newPassword)

            // The page answers the same, beside an empty field when nothing was typed.
            let browser = Browser(app)
            try await browser.get("/password/forgot")
            let page = try await browser.post("/password/forgot", form: [("identifier", "nobody-at-all")])
            #expect(page.body.string.contains("如果该账号存在并登记了电子邮箱"))
            let empty = try await browser.post("/password/forgot", form: [("identifier", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("请填写用户名或电子邮箱"))
        }
    }

    @Test("forgot-password is limited per address, whatever name is typed")
    func forgotIsLimited() async throws {
        try await withShenbao { app in
            var statuses: [HTTPStatus] = []
            for index in 0..<6 {
                statuses.append(
                    try await app.api(.POST, "/api/v1/auth/forgot-password", json: ["identifier": "someone\(index)"])
                        .status)
            }
            #expect(statuses == Array(repeating: .accepted, count: 5) + [.tooManyRequests])
        }
    }

    @Test("an account made by an administrator chooses its own password first, on the pages and through the API")
    func firstLoginChange() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let sysadmin = try await app.apiToken("sysadmin1")
            let created = try await app.api(
                .POST, "/api/v1/users", token: sysadmin,
                json: [
                    "username": "hnkx-wang", "password": "Chushi2025x", "role": "province", "contactName": "王科员",
                    "phone": "0731-84884381", "email": "wang@example.com",
                ])
            #expect(created.status == .created)

            let login = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "hnkx-wang", "password": "Chushi2025x"])
            #expect(try login.content.decode(LoginController.LoginResponse.self).mustChangePassword)
            let token = try await app.apiToken("hnkx-wang", "Chushi2025x")
            let refused = try await app.api(.GET, "/api/v1/applications", token: token)
            #expect(refused.status == .forbidden)
            #expect(refused.problems?.error.code == "passwordChangeRequired")

            let browser = Browser(app)
            try await browser.logIn("hnkx-wang", "Chushi2025x")
            #expect(try await browser.get("/inbox").headers.first(name: .location) == "/account/password")
            let page = try await browser.get("/account/password")
            #expect(page.body.string.contains("设置您自己的密码"))
            let set = try await browser.post(
                "/account/password",
                form: [
                    ("currentPassword", "Chushi2025x"), ("newPassword", Self.newPassword),
                    ("newPasswordConfirm", Self.newPassword),
                ])
            #expect(set.headers.first(name: .location) == "/workspace?passwordSet=1")
            #expect(try await browser.get("/inbox").status == .ok)
            // The API token made with the administrator's password ended with it.
            #expect(try await app.api(.GET, "/api/v1/applications", token: token).status == .unauthorized)
        }
    }
}

extension PasswordTests {
    @Test("an expert added to the pool with an account chooses their own password first")
    func expertChoosesOwnPassword() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let province = try await app.apiToken("province1")
            let added = try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: ReviewFixtures.Expert(name: "王建国", organizationName: "中南大学", username: "zhuanjia-wang"))
            #expect(added.status == .created)
            let token = try await app.apiToken("zhuanjia-wang")
            let refused = try await app.api(.GET, "/api/v1/reviews", token: token)
            #expect(refused.problems?.error.code == "passwordChangeRequired")
        }
    }
}
