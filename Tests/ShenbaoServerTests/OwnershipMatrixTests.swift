import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The other half of the authorization matrix: every route that names one application, one
/// attachment or one recommender's table, taken from the router, tried by an applicant of another
/// organisation and by a recommender off the application's chain. None may answer with the data.
@Suite struct OwnershipMatrixTests {
    static let ownedParameters: Set<String> = ["applicationId", "attachmentId", "organizationId"]

    @Test func noRouteServesAnotherOrganisationsApplication() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            struct Attachment: Decodable { var id: UUID }
            let attachment = try #require(
                try await app.api(.GET, "/api/v1/applications/\(id)/attachments", token: people.applicant)
                    .content.decode([Attachment].self).first)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")

            // Strangers: another applicant organisation, and a county association elsewhere.
            _ = try await ApplicationFixtures.registerApplicant(app, uscc: "91431381748373560G", username: "lengshui")
            let elsewhere = try await ApplicationFixtures.recommenderID(app, named: "冷水江市科学技术协会")
            let user = UserModel(
                username: "lsjkx", passwordHash: try Bcrypt.hash(TestUsers.password, cost: 4), role: .recommender,
                organizationID: elsewhere, contactName: "冷水江市科协经办人", phone: "13800000000", email: "l@example.com")
            try await user.create(on: app.db)
            let strangers = [("lengshui", "Xiangjiang2025"), ("lsjkx", TestUsers.password)]

            var tried = 0
            for route in app.routes.all {
                let names = route.path.compactMap { component -> String? in
                    if case .parameter(let name) = component { return name }
                    return nil
                }
                guard !Set(names).isDisjoint(with: Self.ownedParameters) else { continue }
                let path =
                    "/"
                    + route.path.map { component -> String in
                        switch component {
                        case .parameter("applicationId"): id.uuidString
                        case .parameter("attachmentId"): attachment.id.uuidString
                        case .parameter("organizationId"): county.uuidString
                        case .parameter: UUID().uuidString
                        default: component.description
                        }
                    }.joined(separator: "/")
                let key = AuthorizationMatrixTests.key(route)
                for (username, password) in strangers {
                    let status: HTTPStatus
                    if path.hasPrefix("/api/") {
                        let token = try await app.apiToken(username, password)
                        status = try await app.api(
                            route.method, path, token: token, rawBody: route.method == .GET ? nil : "{}"
                        ).status
                    } else {
                        let browser = Browser(app)
                        try await browser.logIn(username, password)
                        status =
                            route.method == .GET
                            ? try await browser.get(path).status : try await browser.post(path, form: []).status
                    }
                    #expect(status == .forbidden || status == .notFound, "\(key) as \(username): \(status)")
                    tried += 1
                }
            }
            #expect(tried > 20, "the sweep reached the application routes")

            // Lists never show it either.
            for (username, password) in strangers {
                let token = try await app.apiToken(username, password)
                let list = try await app.api(.GET, "/api/v1/applications", token: token)
                #expect(!list.body.string.contains(id.uuidString), "\(username)'s list")
            }
        }
    }
}
