import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Another organisation's ids get nothing: every application route, tried by the wrong people.
@Suite struct ApplicationOwnershipTests {
    @Test func nobodyButTheOwnerAndThoseItWasSentToSeesAnApplication() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)  // applicant1 (another company), recommender1 (长沙市科协), province1…
            let owner = try await ApplicationFixtures.registerApplicant(
                app, uscc: "914403001922038216", username: "owner")
            let id = try await ApplicationFixtures.readyDraft(app, token: owner)
            let attachmentID = try await AttachmentModel.query(on: app.db).first()?.requireID().uuidString ?? ""
            let other = try await app.apiToken("applicant1")
            let province = try await app.apiToken("province1")
            let cityRecommender = try await app.apiToken("recommender1")

            let tries: [(HTTPMethod, String)] = [
                (.GET, "/api/v1/applications/\(id)"),
                (.PATCH, "/api/v1/applications/\(id)"),
                (.GET, "/api/v1/applications/\(id)/attachments"),
                (.GET, "/api/v1/applications/\(id)/attachments/\(attachmentID)"),
                (.DELETE, "/api/v1/applications/\(id)/attachments/\(attachmentID)"),
                (.GET, "/api/v1/applications/\(id)/recommenders"),
                (.POST, "/api/v1/applications/\(id)/submit"),
                (.POST, "/api/v1/applications/\(id)/withdraw"),
            ]
            for (method, path) in tries {
                let response = try await app.api(
                    method, path, token: other, rawBody: method == .GET ? nil : #"{"projectName":"x"}"#)
                #expect(response.status == .notFound, "\(method) \(path): \(response.status)")
            }
            let upload = try await ApplicationFixtures.upload(app, id, token: other, kind: "evidence")
            #expect(upload.status == .notFound)
            // A draft is the applicant's own business, not yet the province's.
            #expect(try await app.api(.GET, "/api/v1/applications/\(id)", token: province).status == .notFound)
            #expect(
                try await app.api(.GET, "/api/v1/applications", token: other).content.decode([ApplicationSummary].self)
                    .isEmpty)

            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            _ = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: owner, json: ["recommenderId": yuelu.uuidString])
            #expect(try await app.api(.GET, "/api/v1/applications/\(id)", token: province).status == .ok)
            // The city association has not received it (it is with the county): it does not see it.
            #expect(try await app.api(.GET, "/api/v1/applications/\(id)", token: cityRecommender).status == .notFound)

            let yueluUser = UserModel(
                username: "yuelu", passwordHash: try Bcrypt.hash(TestUsers.password, cost: 4), role: .recommender,
                organizationID: yuelu, contactName: "赵六", phone: "13800000001", email: "yuelu@example.com")
            try await yueluUser.create(on: app.db)
            let county = try await app.apiToken("yuelu")
            #expect(try await app.api(.GET, "/api/v1/applications/\(id)", token: county).status == .ok)
            let list = try await app.api(.GET, "/api/v1/applications?status=atRecommender", token: county)
                .content.decode([ApplicationSummary].self)
            #expect(list.map(\.id) == [id])
            // Seeing is not editing.
            let edit = try await app.api(
                .PATCH, "/api/v1/applications/\(id)", token: county, json: ["projectName": "x"])
            #expect(edit.status == .forbidden)
            // The owner's untouched data.
            let stored = try await app.api(.GET, "/api/v1/applications/\(id)", token: owner).content.decode(
                ApplicationBody.self)
            #expect(stored.projectName == "2025中德智能制造国际研讨会")
            #expect(stored.attachments.count == 3)
        }
    }
}
