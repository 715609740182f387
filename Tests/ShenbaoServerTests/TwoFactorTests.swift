import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Two-factor sign-in for the province and finance")
struct TwoFactorTests {
    /// RFC 6238, appendix B: the SHA-1 key "12345678901234567890", eight digits.
    static let vectors: [(Int64, String)] = [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ]

    @Test("codes are RFC 6238's test vectors", arguments: vectors)
    func rfcVectors(_ time: Int64, _ code: String) {
        let secret = Data("12345678901234567890".utf8)
        #expect(TOTP.code(secret: secret, counter: time / 30, digits: 8) == code)
    }

    @Test("a key is typed in Base32 and read back")
    func base32() {
        #expect(Base32.encode(Data("Hello!".utf8) + Data([0xDE, 0xAD, 0xBE, 0xEF])) == "JBSWY3DPEHPK3PXP")
        #expect(Base32.decode("jbsw y3dp ehpk 3pxp") == Data("Hello!".utf8) + Data([0xDE, 0xAD, 0xBE, 0xEF]))
        #expect(Base32.decode("JBSW1") == nil)
        let key = TOTP.newSecret()
        #expect(Base32.decode(Base32.encode(key)) == key)
    }

    /// The key the setup page shows, read as the user types it into the app.
    static func key(in html: String) throws -> Data {
        let start = try #require(html.range(of: "<code class=\"secret-key\">"))
        let text = html[start.upperBound...].prefix { $0 != "<" }
        return try #require(Base32.decode(String(text)))
    }

    static func code(_ key: Data, steps: Int64 = 0) -> String {
        TOTP.code(secret: key, counter: TOTP.counter(at: Date()) + steps)
    }

    @Test("set up with the app's code, then every sign-in asks for a code; a code and a recovery code work once")
    func wholeFlow() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            try await browser.logIn("finance1", TestUsers.password)
            let setup = try await browser.get("/account/two-factor")
            #expect(setup.status == .ok)
            let key = try Self.key(in: setup.body.string)
            let wrong = try await browser.post("/account/two-factor", form: [("code", "000000")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("验证码不正确"))
            let enabled = try await browser.post("/account/two-factor", form: [("code", Self.code(key))])
            #expect(enabled.status == .ok)
            let html = enabled.body.string
            #expect(html.contains("恢复码（只显示这一次）"))
            let recovery = html.components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix(9)) }
            #expect(recovery.count == 10)

            // The password alone no longer signs in, on the pages or the API.
            let again = Browser(app)
            try await again.get("/login")
            let password = try await again.post(
                "/login", form: [("username", "finance1"), ("password", TestUsers.password), ("next", "/finance")])
            #expect(password.headers.first(name: .location) == "/login/two-factor")
            #expect(try await again.get("/workspace").headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await again.get("/login/two-factor").body.string.contains("身份验证器"))
            #expect(try await again.post("/login/two-factor", form: [("code", "123456")]).status == .unauthorized)
            // Computed once: recomputed later, on a slow machine past a 30-second boundary, it
            // would be the next (unused) code and rightly sign in.
            let nextCode = Self.code(key, steps: 1)
            let signedIn = try await again.post("/login/two-factor", form: [("code", nextCode)])
            #expect(signedIn.headers.first(name: .location) == "/finance")
            #expect(try await again.get("/finance").status == .ok)

            let noCode = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "finance1", "password": TestUsers.password])
            #expect(noCode.status == .unauthorized)
            #expect(noCode.problems?.error.code == "twoFactorRequired")
            let usedCode = try await app.api(
                .POST, "/api/v1/auth/login",
                json: ["username": "finance1", "password": TestUsers.password, "totp": nextCode])
            #expect(usedCode.problems?.error.code == "invalidTwoFactorCode")
            let withRecovery = try await app.api(
                .POST, "/api/v1/auth/login",
                json: ["username": "finance1", "password": TestUsers.password, "totp": recovery[0].lowercased()])
            #expect(withRecovery.status == .ok)
            let recoveryAgain = try await app.api(
                .POST, "/api/v1/auth/login",
                json: ["username": "finance1", "password": TestUsers.password, "totp": recovery[0]])
            #expect(recoveryAgain.status == .unauthorized)

            // The province resets a lost phone: the password alone signs in again.
            let province = Browser(app)
            try await province.logIn("province1", TestUsers.password)
            let finance = try #require(try await UserModel.query(on: app.db).filter(\.$username == "finance1").first())
            let page = try await province.get("/admin/users/\(try finance.requireID())")
            #expect(page.body.string.contains("两步验证</dt><dd>已启用"))
            let reset = try await province.post("/admin/users/\(try finance.requireID())/two-factor/reset", form: [])
            #expect(reset.status == .seeOther)
            _ = try await app.apiToken("finance1")
        }
    }

    @Test("the API sets it up with the key it offered and the app's code; the province resets it through the API")
    func throughTheAPI() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let finance = try await app.apiToken("finance1")
            struct Status: Decodable { var enabled: Bool; var key: String?; var uri: String? }
            let status = try await app.api(.GET, "/api/v1/account/two-factor", token: finance).content.decode(
                Status.self)
            #expect(!status.enabled)
            let key = try #require(status.key.flatMap(Base32.decode))
            #expect(status.uri?.hasPrefix("otpauth://totp/") == true)

            let badKey = try await app.api(
                .POST, "/api/v1/account/two-factor", token: finance, json: ["key": "not base32!", "code": "123456"])
            #expect(badKey.fields == ["key"])
            let badCode = try await app.api(
                .POST, "/api/v1/account/two-factor", token: finance, json: ["key": status.key!, "code": "000000"])
            #expect(badCode.fields == ["code"])
            #expect(try await UserModel.query(on: app.db).filter(\.$username == "finance1").first()?.totpSecret == nil)

            let enabled = try await app.api(
                .POST, "/api/v1/account/two-factor", token: finance, json: ["key": status.key!, "code": Self.code(key)])
            #expect(enabled.status == .ok)
            struct Enabled: Decodable { var recoveryCodes: [String] }
            #expect(try enabled.content.decode(Enabled.self).recoveryCodes.count == 10)
            let again = try await app.api(
                .POST, "/api/v1/account/two-factor", token: finance, json: ["key": status.key!, "code": Self.code(key)])
            #expect(again.status == .conflict)
            let now = try await app.api(.GET, "/api/v1/account/two-factor", token: finance).content.decode(Status.self)
            #expect(now.enabled && now.key == nil)

            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "finance1").first())
            let province = try await app.apiToken("province1")
            let reset = try await app.api(
                .POST, "/api/v1/users/\(try user.requireID())/two-factor/reset", token: province)
            #expect(reset.status == .noContent)
            _ = try await app.apiToken("finance1")
            #expect(
                try await app.api(.POST, "/api/v1/users/\(UUID())/two-factor/reset", token: province).status
                    == .notFound)
        }
    }

    @Test("wrong codes are throttled like wrong passwords, and a right password does not forgive them")
    func wrongCodesLockTheAccount() async throws {
        try await withShenbao(environment: ["SHENBAO_LOGIN_MAX_FAILURES": "2"]) { app in
            _ = try await TestUsers.create(on: app)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "province1").first())
            let key = TOTP.newSecret()
            _ = try await TwoFactorService(db: app.db, config: app.shenbaoConfig).enable(
                user, secret: key, code: Self.code(key),
                request: Request(application: app, on: app.eventLoopGroup.next()))
            var statuses: [HTTPStatus] = []
            for guess in 0..<3 {
                statuses.append(
                    try await app.api(
                        .POST, "/api/v1/auth/login",
                        json: ["username": "province1", "password": TestUsers.password, "totp": "00000\(guess)"]
                    ).status)
            }
            #expect(statuses == [.unauthorized, .unauthorized, .tooManyRequests])
        }
    }

    @Test("when the setting requires it, a staff user without it can only set it up")
    func requiredForStaff() async throws {
        try await withShenbao(environment: ["SHENBAO_REQUIRE_STAFF_TWO_FACTOR": "1"]) { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            try await browser.logIn("province1", TestUsers.password)
            #expect(try await browser.get("/admin/users").headers.first(name: .location) == "/account/two-factor")
            #expect(try await browser.get("/account/two-factor").body.string.contains("须启用两步验证后才能继续使用系统"))
            let api = try await app.api(
                .POST, "/api/v1/auth/login", json: ["username": "province1", "password": TestUsers.password])
            #expect(api.status == .forbidden)
            // Other roles are not asked.
            _ = try await app.apiToken("applicant1")
        }
    }
}
