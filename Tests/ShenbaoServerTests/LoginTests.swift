import Fluent
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct LoginTests {
    @Test func theRightPasswordGivesATokenThatWorksUntilLogout() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let token = try await app.apiToken("province1")
            #expect(try await app.api(.GET, "/api/v1/users", token: token).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/auth/logout", token: token).status == .noContent)
            let after = try await app.api(.GET, "/api/v1/users", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.problems?.error.message.contains("登录") == true)
        }
    }

    @Test("a token works until the moment it expires, then asks for a new login")
    func anExpiredTokenIsRefused() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let token = try await app.apiToken("province1")
            let stored = try #require(
                try await UserTokenModel.query(on: app.db).filter(\.$tokenHash == Secrets.hash(token)).first())
            // A remembered token (BearerTokenCache) is judged by its expiry on every use too.
            stored.expiresAt = Date().addingTimeInterval(3)
            try await stored.save(on: app.db)
            #expect(try await app.api(.GET, "/api/v1/users", token: token).status == .ok)
            try await Task.sleep(for: .milliseconds(3100))
            let expired = try await app.api(.GET, "/api/v1/users", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.problems?.error.message.contains("过期") == true)
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserGetTheSameAnswer() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let wrong = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "province1", "password": "nope12345"])
            let unknown = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "nobody", "password": "nope12345"])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.problems?.error.message == unknown.problems?.error.message)
            let empty = try await app.api(.POST, "/api/v1/auth/login", json: ["username": "", "password": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.fields == ["username", "password"])
        }
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPassword() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            for _ in 1...5 {
                let response = try await app.api(
                    .POST, "/api/v1/auth/login", json: ["username": "applicant1", "password": "guess12345"])
                #expect(response.status == .unauthorized)
            }
            let locked = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "applicant1", "password": TestUsers.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.problems?.error.code == "accountLocked")
            #expect(locked.problems?.error.message.contains("分钟后再试") == true)
            // Other accounts are not affected.
            _ = try await app.apiToken("expert1")
        }
    }

    @Test func aSuccessfulLoginForgivesTheAccountsEarlierFailures() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            func failFourTimes() async throws {
                for _ in 1...4 {
                    let response = try await app.api(
                        .POST, "/api/v1/auth/login", json: ["username": "applicant1", "password": "guess12345"])
                    #expect(response.status == .unauthorized)
                }
            }
            try await failFourTimes()
            _ = try await app.apiToken("applicant1")
            try await failFourTimes()
            _ = try await app.apiToken("applicant1")  // 8 failures in all, never 5 in a row
            #expect(try await LoginFailureModel.query(on: app.db).count() == 0)
        }
    }

    @Test func tooManyFailuresFromOneAddressBlockThatAddress() async throws {
        try await withShenbao(environment: ["SHENBAO_TRUST_PROXY": "1", "SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS": "3"])
        { app in
            _ = try await TestUsers.create(on: app)
            func attempt(_ username: String, _ password: String, from address: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                try await app.testing().test(
                    .POST, "/api/v1/auth/login",
                    beforeRequest: { req in
                        req.headers.replaceOrAdd(name: "X-Forwarded-For", value: address)
                        try req.content.encode(["username": username, "password": password], as: .json)
                    }
                ) { status = $0.status }
                return status
            }
            for name in ["a1", "a2", "a3"] {
                #expect(try await attempt(name, "guess12345", from: "10.0.0.9") == .unauthorized)
            }
            #expect(try await attempt("finance1", TestUsers.password, from: "10.0.0.9") == .tooManyRequests)
            #expect(try await attempt("finance1", TestUsers.password, from: "10.0.0.10") == .ok)
        }
    }

    @Test func theLoginPageSignsInReturnsToThePageAskedForAndLogsOut() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            let redirect = try await browser.get("/admin/users")
            #expect(redirect.status == .seeOther)
            #expect(redirect.headers.first(name: .location) == "/login?next=%2Fadmin%2Fusers")

            try await browser.get("/login?next=%2Fadmin%2Fusers")
            let bad = try await browser.post(
                "/login", form: [("username", "province1"), ("password", "wrong123"), ("next", "/admin/users")])
            #expect(bad.status == .unauthorized)
            #expect(bad.body.string.contains("用户名或密码不正确"))
            #expect(bad.body.string.contains("value=\"province1\""))

            let sessionBefore = browser.cookie
            let good = try await browser.post(
                "/login", form: [("username", "province1"), ("password", TestUsers.password), ("next", "/admin/users")])
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "/admin/users")
            #expect(browser.cookie != sessionBefore)  // a new session id at login
            let users = try await browser.get("/admin/users")
            #expect(users.status == .ok)
            #expect(users.body.string.contains("退出登录"))

            let out = try await browser.post("/logout", form: [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/workspace").status == .seeOther)
        }
    }

    @Test func aPageAskedWithABadTokenSaysSoInsteadOfSendingToTheLoginPageForever() async throws {
        try await withShenbao { app in
            // The login page, asked with the same header, used to redirect to itself.
            for path in ["/workspace", "/login"] {
                let response = try await app.api(.GET, path, token: "not-a-token")
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.headers.first(name: .location) == nil, "\(path)")
                #expect(response.body.string.contains("登录凭证无效或已过期，请重新登录"), "\(path)")
                #expect(response.body.string.contains("<html lang=\"zh-CN\">"), "\(path)")
            }
        }
    }

    @Test func loginNeverRedirectsToAnotherSite() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            for next in ["https://evil.example/", "//evil.example/", "/\\evil.example"] {
                let browser = Browser(app)
                try await browser.get("/login")
                let response = try await browser.post(
                    "/login", form: [("username", "expert1"), ("password", TestUsers.password), ("next", next)])
                #expect(response.headers.first(name: .location) == "/workspace", "\(next)")
            }
        }
    }

    @Test func eachRoleSeesOnlyTheLinksItMayOpen() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let province = Browser(app)
            try await province.logIn("province1", TestUsers.password)
            let provincePage = try await province.get("/workspace").body.string
            #expect(provincePage.contains("href=\"/admin/users\""))
            #expect(provincePage.contains("已注册申报单位"))

            let applicant = Browser(app)
            try await applicant.logIn("applicant1", TestUsers.password)
            let applicantPage = try await applicant.get("/workspace").body.string
            #expect(!applicantPage.contains("href=\"/admin/users\""))
            #expect(applicantPage.contains("湖南鸿斯科技有限公司"))
            #expect(try await applicant.get("/admin/users").status == .forbidden)
        }
    }
}
