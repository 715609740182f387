import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("The province's application list: keyword and sort")
struct ApplicationListTests {
    @Test("a keyword finds by project, organisation or number; any stored column sorts both ways")
    func searchAndSort() async throws {
        try await withShenbao { app in
            _ = try await ReviewFixtures.token(app, "hnkx", .province)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let first = try await ReviewFixtures.organization(app, "湖南甲科技有限公司")
            let second = try await ReviewFixtures.organization(app, "湖南乙材料研究院")
            let forum = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中英智能制造论坛", organization: first, recommender: county,
                requestedYuan: 90_000)
            _ = try await ReviewFixtures.accepted(
                app, category: .cooperation, name: "中德新材料合作", organization: second, recommender: county,
                requestedYuan: 180_000)
            let number = try #require(try await ApplicationModel.find(forum, on: app.db)?.number)
            let clerk = Browser(app)
            try await clerk.logIn("hnkx", TestUsers.password)
            func listed(_ query: String) async throws -> String {
                let page = try await clerk.get("/applications?" + query)
                #expect(page.status == .ok)
                return page.body.string
            }
            for keyword in ["智能制造", "湖南甲", number] {
                let page = try await listed("q=" + Browser.encode(keyword))
                #expect(page.contains("中英智能制造论坛") && !page.contains("中德新材料合作"), "keyword \(keyword)")
                #expect(page.contains("共 1 份"))
            }
            // A wildcard typed is only a character: it does not match everything.
            #expect(try await listed("q=%25").contains("共 0 份"))

            let cheapFirst = try await listed("sort=requested")
            let expensiveFirst = try await listed("sort=requested&dir=desc")
            func order(_ page: String) -> Bool? {
                guard let a = page.range(of: "中英智能制造论坛"), let b = page.range(of: "中德新材料合作") else { return nil }
                return a.lowerBound < b.lowerBound
            }
            #expect(order(cheapFirst) == true)
            #expect(order(expensiveFirst) == false)
            #expect(cheapFirst.contains("aria-sort=\"ascending\""))
            // The head of the sorted column turns the order round; the keyword stays.
            #expect(
                try await listed("q=%E4%B8%AD&sort=requested").contains(
                    "href=\"/applications?q=%E4%B8%AD&amp;sort=requested&amp;dir=desc\""))

            let bad = try await clerk.get("/applications?sort=password&q=" + String(repeating: "长", count: 51))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("排序列 password 无法识别"))
            #expect(bad.body.string.contains("关键词最多50字，现为51字"))
        }
    }
}
