import Foundation
import ShenbaoTestSupport
import Testing
import Vapor

@testable import ShenbaoServer

@Suite struct TextLimitTests {
    @Test("a megabyte in any text field is refused by name, through the API and a page, and nothing is stored")
    func megabyteStringsAreRefused() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            _ = try await ApplicationFixtures.fill(app, id, token: token)
            let megabyte = String(repeating: "长", count: 350_000)  // 1 MB in UTF-8

            let patched = try await app.api(
                .PATCH, "/api/v1/applications/\(id)", token: token,
                json: ["mainContent": megabyte, "highlights": megabyte, "projectName": "新名称"])
            #expect(patched.status == .unprocessableEntity)
            #expect(patched.fields == ["highlights", "mainContent"])
            #expect(patched.problems?.errors.first?.message.contains("最多 100000 字") == true)
            struct Form: Decodable {
                var projectName: String?
                var mainContent: String?
            }
            let stored = try await app.api(.GET, "/api/v1/applications/\(id)", token: token).content.decode(Form.self)
            #expect(stored.projectName == CompleteApplication.conference().projectName)
            #expect(stored.mainContent == CompleteApplication.conference().mainContent)

            // Nested values are named by their path; other routes are covered too.
            let nested = try await app.api(
                .PATCH, "/api/v1/applications/\(id)", token: token,
                json: ["partners": [["name": megabyte]]])
            #expect(nested.fields == ["partners[0].name"])
            let registration = try await app.api(
                .POST, "/api/v1/registrations", json: ["organizationName": megabyte])
            #expect(registration.status == .unprocessableEntity)
            #expect(registration.fields == ["organizationName"])

            // A page's form post gets the same answer.
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            _ = try await browser.get("/applications/\(id)")
            let page = try await browser.post("/applications/\(id)", form: [("mainContent", megabyte)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("最多 100000 字"))
        }
    }
}
