import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// What an instance remembers between requests (the bearer tokens it checked, the drafts it
/// saved) must never show a user anything but what the database holds, whoever wrote it.
@Suite struct ServerCachesTests {
    // MARK: drafts kept by the instance that saved them

    /// Another instance (or another route) changes the draft after this one kept its copy.
    private func changeElsewhere(_ app: Application, _ id: UUID, _ change: (ApplicationModel) -> Void) async throws {
        let stored = try #require(try await ApplicationModel.find(id, on: app.db))
        change(stored)
        stored.version += 1
        try await stored.save(on: app.db)
    }

    private func patch(_ app: Application, _ id: UUID, _ token: String, _ json: String, ifMatch: Int? = nil)
        async throws -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        headers.contentType = .json
        if let ifMatch { headers.replaceOrAdd(name: .ifMatch, value: String(ifMatch)) }
        return try await app.testing().sendRequest(
            .PATCH, "/api/v1/applications/\(id)", headers: headers, body: ByteBuffer(string: json))
    }

    /// A draft named "一", saved once through the API, so this instance keeps it.
    private func withKeptDraft(_ body: (Application, UUID, String) async throws -> Void) async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            #expect(try await patch(app, id, token, #"{"projectName": "一"}"#).status == .ok)
            try await body(app, id, token)
        }
    }

    @Test("a save after another instance wrote the draft keeps that instance's change and adds its own")
    func aStaleCopyLosesNothing() async throws {
        try await withKeptDraft { app, id, token in
            #expect(app.drafts.count == 1)
            let metrics = try await app.api(.GET, "/metrics").body.string
            #expect(metrics.contains("shenbao_drafts_kept 1"))
            #expect(metrics.contains(#"shenbao_draft_saves_total{from="database"}"#))
            try await changeElsewhere(app, id) { $0.form.highlights = "另一台服务器写的亮点" }

            let response = try await patch(app, id, token, #"{"mainContent": "本次保存"}"#)
            #expect(response.status == .ok)
            let body = try response.content.decode(ApplicationBody.self)
            #expect(body.version == 4)
            let stored = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(stored.form.projectName == "一")
            #expect(stored.form.highlights == "另一台服务器写的亮点")
            #expect(stored.form.mainContent == "本次保存")
            #expect(stored.version == 4)

            // The client that saw version 4 elsewhere may say so; the kept copy is then current.
            #expect(try await patch(app, id, token, #"{"projectName": "二"}"#, ifMatch: 4).status == .ok)
            #expect(try await patch(app, id, token, #"{"projectName": "旧"}"#, ifMatch: 4).status == .conflict)
            #expect(try await ApplicationModel.find(id, on: app.db)?.form.projectName == "二")
        }
    }

    @Test("a draft submitted through another instance cannot be saved from a kept copy")
    func aSubmittedDraftIsNotSaved() async throws {
        try await withKeptDraft { app, id, token in
            try await changeElsewhere(app, id) { $0.status = .atRecommender }

            let response = try await patch(app, id, token, #"{"projectName": "提交后又改"}"#)
            #expect(response.status == .conflict)
            #expect(response.problems?.error.code == "notEditable")
            #expect(try await ApplicationModel.find(id, on: app.db)?.form.projectName == "一")
        }
    }

    @Test("the answer to a save shows the organisation as it is now, even when the draft was kept")
    func theAnswerShowsTheOrganisationAsItIsNow() async throws {
        try await withKeptDraft { app, id, token in
            let stored = try #require(try await ApplicationModel.find(id, on: app.db))
            let organization = try #require(try await OrganizationModel.find(stored.$organization.id, on: app.db))
            organization.name = "湖南鸿斯科技股份有限公司"
            try await organization.save(on: app.db)

            let response = try await patch(app, id, token, #"{"projectName": "二"}"#)
            #expect(try response.content.decode(ApplicationBody.self).organization.name == "湖南鸿斯科技股份有限公司")
        }
    }

    @Test("another organisation's applicant cannot save a draft this instance kept")
    func aKeptDraftIsOnlyTheOwners() async throws {
        try await withKeptDraft { app, id, token in
            let other = try await ApplicationFixtures.registerApplicant(
                app, uscc: "91431381748373560G", username: "lengshui")

            let response = try await patch(app, id, other, #"{"projectName": "别人改的"}"#)
            #expect(response.status == .notFound)
            #expect(try await ApplicationModel.find(id, on: app.db)?.form.projectName == "一")
        }
    }

    @Test("a kept draft goes to one save at a time, and a full cache keeps the drafts saved last")
    func theDraftCacheKeepsWhatWasSavedLast() throws {
        let cache = DraftCache(capacity: 4)
        let drafts = (0..<4).map { index -> ApplicationModel in
            let draft = ApplicationModel(
                callID: UUID(), category: .conference, organizationID: UUID(), createdBy: UUID())
            draft.id = UUID()
            draft.form.projectName = "草稿\(index)"
            cache.keep(draft)
            return draft
        }
        let taken = try #require(cache.take(drafts[0].id!))
        #expect(taken.form.projectName == "草稿0")
        #expect(cache.take(drafts[0].id!) == nil)  // a second save of it meanwhile reads the database
        cache.keep(taken)
        cache.keep(try #require(cache.take(drafts[1].id!)))
        // Saved again: the first two are the most recent now; a fifth pushes the older half out.
        let fifth = ApplicationModel(callID: UUID(), category: .cooperation, organizationID: UUID(), createdBy: UUID())
        fifth.id = UUID()
        cache.keep(fifth)
        #expect(cache.count == 3)
        #expect(cache.take(drafts[0].id!) != nil)
        #expect(cache.take(drafts[1].id!) != nil)
        #expect(cache.take(drafts[2].id!) == nil)
        #expect(cache.take(fifth.id!) != nil)
    }

    // MARK: bearer tokens

    @Test("a token signed out through this instance is refused at once")
    func signingOutHereEndsTheTokenAtOnce() async throws {
        try await withShenbao(environment: ["SHENBAO_TOKEN_CACHE_SECONDS": "300"]) { app in
            _ = try await TestUsers.create(on: app)
            let token = try await app.apiToken("province1")
            #expect(try await app.api(.GET, "/api/v1/users", token: token).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/auth/logout", token: token).status == .noContent)
            #expect(try await app.api(.GET, "/api/v1/users", token: token).status == .unauthorized)
        }
    }

    @Test("a token signed out through another instance stops working here within SHENBAO_TOKEN_CACHE_SECONDS")
    func signingOutElsewhereEndsTheTokenWithinTheLifetime() async throws {
        for seconds in [0, 1] {
            try await withShenbao(environment: ["SHENBAO_TOKEN_CACHE_SECONDS": String(seconds)]) { app in
                _ = try await TestUsers.create(on: app)
                let token = try await app.apiToken("province1")
                #expect(try await app.api(.GET, "/api/v1/users", token: token).status == .ok)
                // What the other instance's logout does to the database.
                try await UserTokenModel.query(on: app.db).filter(\.$tokenHash == Secrets.hash(token)).delete()
                if seconds > 0 {
                    try await Task.sleep(for: .milliseconds(seconds * 1000 + 100))
                }
                #expect(try await app.api(.GET, "/api/v1/users", token: token).status == .unauthorized)
            }
        }
    }

    @Test("a remembered token is refused the moment it expires")
    func aRememberedTokenExpiresOnTime() throws {
        let cache = BearerTokenCache(lifetime: 5)
        let start = Date()
        let model = UserModel(
            username: "province1", passwordHash: "", role: .province, organizationID: nil, contactName: "省科协",
            phone: "", email: "")
        model.id = UUID()
        let user = try AuthenticatedUser(model, method: .token)
        cache.remember(user, forHash: "h", expiresAt: start.addingTimeInterval(2), at: start)
        #expect(cache.user(forHash: "h", at: start.addingTimeInterval(1.9))?.username == "province1")
        #expect(cache.user(forHash: "h", at: start.addingTimeInterval(2)) == nil)

        cache.remember(user, forHash: "k", expiresAt: start.addingTimeInterval(3600), at: start)
        #expect(cache.user(forHash: "k", at: start.addingTimeInterval(4.9)) != nil)
        #expect(cache.user(forHash: "k", at: start.addingTimeInterval(5)) == nil)
        cache.forget(hash: "h")
        #expect(cache.user(forHash: "h", at: start) == nil)
    }
}
