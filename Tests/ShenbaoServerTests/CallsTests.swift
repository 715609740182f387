import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct CallsTests {
    struct CallBody: Decodable {
        struct Bounds: Decodable { var min: Int; var max: Int }
        struct Option: Decodable { var code: String; var label: String }
        struct Category: Decodable {
            var code: String
            var label: String
            var funded: Bounds
            var amountYuan: Bounds
            var cooperationContent: [Option]
            var fields: [Option]
        }
        var id: UUID
        var year: Int
        var phase: String
        var totalFunded: Bounds
        var categories: [Category]
        var applicantKinds: [Option]
        var priorityConditions: [Option]
        var noticeWorkingDays: Int
    }

    @Test func theAPIListsThe2025CallWithBothCategoriesAndTheirBounds() async throws {
        try await withShenbao { app in
            let response = try await app.api(.GET, "/api/v1/calls")
            #expect(response.status == .ok)
            let calls = try response.content.decode([CallBody].self)
            let call = try #require(calls.first)
            #expect(calls.count == 1)
            #expect(call.year == 2025)
            #expect(call.phase == "open")
            #expect(call.totalFunded.min == 8 && call.totalFunded.max == 20)
            #expect(call.categories.map(\.code) == ["conference", "cooperation"])
            #expect(call.categories.map(\.funded.min) == [3, 7])
            #expect(call.categories.map(\.funded.max) == [4, 8])
            #expect(call.categories.allSatisfy { $0.amountYuan.min == 50_000 && $0.amountYuan.max == 200_000 })
            #expect(call.categories.allSatisfy { $0.fields.count == 11 })
            #expect(call.applicantKinds.count == 6)
            #expect(call.priorityConditions.count == 4)
            #expect(call.noticeWorkingDays == 5)

            let byID = try await app.api(.GET, "/api/v1/calls/\(call.id)")
            #expect(try byID.content.decode(CallBody.self).id == call.id)
            let byYear = try await app.api(.GET, "/api/v1/calls/2025")
            #expect(try byYear.content.decode(CallBody.self).id == call.id)
        }
    }

    @Test func anUnknownCallIsA404InChinese() async throws {
        try await withShenbao { app in
            for path in ["/api/v1/calls/2019", "/api/v1/calls/\(UUID())", "/api/v1/calls/abc"] {
                let response = try await app.api(.GET, path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.problems?.error.message.contains("申报指南") == true, "\(path)")
            }
        }
    }

    @Test func theHomePageShowsTheGuideToAnyone() async throws {
        try await withShenbao { app in
            let page = try await Browser(app).get("/")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("2025年度国际与区域科技交流类项目申报指南"))
            #expect(html.contains("国际科技交流会议项目"))
            #expect(html.contains("国际合作项目"))
            #expect(html.contains("3–4 项"))
            #expect(html.contains("5–20 万元/项"))
            #expect(html.contains("0731-84884381"))
            #expect(html.contains("先进制造"))
            #expect(html.contains("href=\"/register\""))
        }
    }

    @Test func theCallIsLoadedOnceHoweverOftenTheServerStarts() async throws {
        try await withShenbao { app in
            let config = app.shenbaoConfig
            let second = try await prepareDatabase(app, config: config)
            #expect(second.callsAdded == 0)
            #expect(second.organizationsAdded == 0)
            #expect(try await CallModel.query(on: app.db).count() == 1)
        }
    }
}
