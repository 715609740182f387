import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The page models' loaders, called directly: what a page shows, without rendering it.
@Suite("Page models loaded directly")
struct PageLoaderTests {
    static func user(_ app: Application, _ username: String) async throws -> AuthenticatedUser {
        let account = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        return try AuthenticatedUser(account, method: .session)
    }

    @Test("the province's sanctions page lists a sanction, active until its last day, beside the recommenders")
    func sanctionsPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let recorded = try await app.api(
                .POST, "/api/v1/sanctions", token: people.province,
                json: [
                    "recommenderId": county.uuidString, "reason": "经核查，该单位推荐材料中存在弄虚作假情形，取消其推荐资格。",
                    "decidedOn": "2025-03-01",
                ])
            #expect(recorded.status == .created)

            let page = try await SanctionsPage.load(now: beijing("2025-06-01 09:00"), on: app.db)
            let sanction = try #require(page.sanctions.first)
            #expect(page.sanctions.count == 1)
            #expect(sanction.organizationName == "岳麓区科学技术协会" && sanction.active)
            #expect(page.recommenders.contains { $0.label == "岳麓区科学技术协会" })
            #expect(page.errors.isEmpty && !page.created)

            let later = try await SanctionsPage.load(now: beijing("2099-01-01 09:00"), on: app.db)
            #expect(later.sanctions.first?.active == false)
        }
    }

    @Test("a person's notifications page lists only their own messages, the unread counted")
    func notificationsPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            _ = try await ApplicationFixtures.submitted(app, people)

            let county = try await NotificationsPage.load(for: try await Self.user(app, "yuelu"), on: app.db)
            #expect(!county.notifications.isEmpty)
            #expect(county.unread == county.notifications.count)
            let city = try await NotificationsPage.load(for: try await Self.user(app, "changsha"), on: app.db)
            #expect(city.notifications.isEmpty && city.unread == 0)

            // Every message the county sees is addressed to one of its own users.
            let countyUser = try await Self.user(app, "yuelu")
            let mine = try await NotificationModel.query(on: app.db).filter(\.$userID == countyUser.id).count()
            #expect(county.notifications.count == mine)
        }
    }

    @Test("the inbox of the county holds the submitted application; its city's does not, yet")
    func inboxPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)

            let county = try await InboxPage.load(
                for: try await Self.user(app, "yuelu"), call: CallModel.latest(on: app.db), on: app.db)
            #expect(county.waiting.map(\.id) == [id])
            #expect(!county.isProvince && county.summaryLink.hasSuffix("/summary"))
            let city = try await InboxPage.load(
                for: try await Self.user(app, "changsha"), call: CallModel.latest(on: app.db), on: app.db)
            #expect(city.waiting.isEmpty)
        }
    }
}
