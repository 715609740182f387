import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Expert pool")
struct ExpertPoolTests {
    @Test("an expert with every problem is refused naming each field; a good one gets an account that signs in")
    func createExpert() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            struct Bad: Encodable {
                var name = ""
                var organizationName = "中南大学"
                var fields = ["underwaterBasketWeaving"]
                var phone = "12345"
                var email = "expert-at-example.com"
                var conflictOrganizationIds = ["不存在的单位"]
            }
            let bad = try await app.api(.POST, "/api/v1/experts", token: province, json: Bad())
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.fields.isSuperset(of: ["name", "title", "fields", "phone", "email", "conflictOrganizationIds[0]"]))
            #expect(bad.problems?.errors.contains { $0.message.contains("underwaterBasketWeaving") } == true)
            #expect(try await ExpertModel.query(on: app.db).count() == 0)

            let good = try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: ReviewFixtures.Expert(
                    name: "王教授", organizationName: "长沙市科学技术协会", conflictOrganizationIds: ["岳麓区科学技术协会"],
                    username: "wangjs"))
            #expect(good.status == .created)
            let created = try good.content.decode(ReviewFixtures.Created.self)
            #expect(created.userId != nil)
            // The registered organisation is linked, so the conflict rule knows it.
            let expert = try #require(try await ExpertModel.find(created.id, on: app.db))
            #expect(expert.$organization.id != nil)
            #expect(expert.conflictOrganizationIDs.count == 1)
            #expect(try await app.apiToken("wangjs").isEmpty == false)

            struct Listed: Decodable {
                var name: String; var fieldLabels: String; var conflictOrganizationNames: String
            }
            let list = try await app.api(.GET, "/api/v1/experts", token: province).content.decode([Listed].self)
            #expect(list.map(\.name) == ["王教授"])
            #expect(list.first?.fieldLabels.isEmpty == false)
            #expect(list.first?.conflictOrganizationNames == "岳麓区科学技术协会")
        }
    }

    @Test("an import with a bad row stores nobody and names the row; a good one creates every expert with a password")
    func importExperts() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            func send(_ csv: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: province)
                headers.contentType = .init(type: "text", subType: "csv")
                var result: TestingHTTPResponse?
                try await app.testing().test(
                    .POST, "/api/v1/experts/import?name=experts.csv", headers: headers, body: ByteBuffer(string: csv)
                ) { result = $0 }
                return try #require(result)
            }
            let label = try #require(ExpertForm.fieldOptions(of: .guide2025()).first?.label)
            let header = "姓名,工作单位,职称,专业领域,联系电话,电子邮箱,回避单位\n"
            let bad = try await send(
                header + "李四,湖南大学,教授,\(label),13911112222,li@example.com,\n"
                    + "张三,中南大学,,不存在的领域,123,zhang@,\n")
            #expect(bad.status == .unprocessableEntity)
            let messages = bad.problems?.errors.map(\.message) ?? []
            #expect(messages.contains { $0.hasPrefix("第3行") && $0.contains("职称") })
            #expect(messages.contains { $0.hasPrefix("第3行") && $0.contains("不存在的领域") })
            #expect(!messages.contains { $0.hasPrefix("第2行") })
            #expect(try await ExpertModel.query(on: app.db).count() == 0)

            let good = try await send(
                header + "李四,湖南大学,教授,\(label),13911112222,li@example.com,\n"
                    + "\"张三\",中南大学,研究员,\(label)、advancedManufacturing,13933334444,zhang@example.com,长沙市科学技术协会\n")
            #expect(good.status == .ok)
            struct Result: Decodable {
                struct Account: Decodable { var username: String; var initialPassword: String }
                var imported: Int
                var accounts: [Account]
            }
            let result = try good.content.decode(Result.self)
            #expect(result.imported == 2)
            #expect(result.accounts.map(\.username) == ["13911112222", "13933334444"])
            let account = try #require(result.accounts.first)
            #expect(try await app.apiToken(account.username, account.initialPassword).isEmpty == false)
            #expect(try await ExpertModel.query(on: app.db).count() == 2)
            // The same file again would make the same accounts twice: refused, by row.
            let again = try await send(header + "李四,湖南大学,教授,\(label),13911112222,li@example.com,\n")
            #expect(again.status == .unprocessableEntity)
            #expect(again.problems?.errors.first?.message.contains("已存在") == true)
        }
    }
}
