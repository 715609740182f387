import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct ApplicationNumberServerTests {
    struct Numbered: Decodable { var number: String? }

    static func number(_ app: Application, _ id: UUID, token: String) async throws -> String? {
        try await app.api(.GET, "/api/v1/applications/\(id)", token: token).content.decode(Numbered.self).number
    }

    @Test("given at the first submission, unique under simultaneous submissions, kept after a return, never reused")
    func numbers() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            var drafts: [UUID] = []
            for _ in 0..<4 { drafts.append(try await ApplicationFixtures.readyDraft(app, token: people.applicant)) }
            #expect(try await Self.number(app, drafts[0], token: people.applicant) == nil)

            // Four submissions at the same moment take four numbers.
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for id in drafts {
                    group.addTask {
                        try await app.api(
                            .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                            json: ["recommenderId": county.uuidString]
                        ).status
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            var numbers: [UUID: String] = [:]
            for id in drafts { numbers[id] = try await Self.number(app, id, token: people.applicant) }
            #expect(Set(numbers.values) == ["2025-HY-0001", "2025-HY-0002", "2025-HY-0003", "2025-HY-0004"])

            // Returned and submitted again, an application keeps its number.
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(drafts[0])/opinions", token: people.county,
                json: ["decision": "return", "comment": "请补充邀请函"])
            #expect(returned.status == .ok)
            let again = try await app.api(
                .POST, "/api/v1/applications/\(drafts[0])/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            #expect(again.status == .ok)
            #expect(try await Self.number(app, drafts[0], token: people.applicant) == numbers[drafts[0]])

            // A withdrawn application's number is not given again.
            let withdrawn = try await app.api(
                .POST, "/api/v1/applications/\(drafts[1])/withdraw", token: people.applicant, json: ["comment": "调整"])
            #expect(withdrawn.status == .ok)
            let fifth = try await ApplicationFixtures.submitted(app, people)
            #expect(try await Self.number(app, fifth, token: people.applicant) == "2025-HY-0005")

            // The number is in the lists and in the recommender's message.
            let list = try await app.api(.GET, "/api/v1/applications", token: people.county)
            #expect(list.body.string.contains("2025-HY-0005"))
            let told = try await app.api(.GET, "/api/v1/notifications", token: people.county)
            #expect(told.body.string.contains("【申报编号2025-HY-0005】"))
        }
    }
}
