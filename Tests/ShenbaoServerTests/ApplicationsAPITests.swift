import Crypto
import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct ApplicationsAPITests {
    @Test func aNewDraftBelongsToTheApplicantAndListsWhatItStillNeeds() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let response = try await app.api(
                .POST, "/api/v1/applications", token: token, json: ["category": "conference"])
            #expect(response.status == .created)
            let body = try response.content.decode(ApplicationBody.self)
            #expect(body.status == "draft")
            #expect(body.currentHolder.kind == "applicant")
            #expect(body.organization.name == "湖南鸿斯科技有限公司")
            for field in [
                "projectName", "period.start", "leader", "partners", "attachments.signedScan", "commitment.accepted",
            ] {
                #expect(body.problemFields.contains(field), "\(field)")
            }
            let wrong = try await app.api(.POST, "/api/v1/applications", token: token, json: ["category": "party"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.fields == ["category"])
        }
    }

    @Test("a save answers the application exactly as opening it afterwards shows it, empty form or full")
    func aSavesAnswerIsTheApplicationAsOpened() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let path = "/api/v1/applications/\(id)"
            func object(_ response: TestingHTTPResponse) throws -> NSDictionary {
                try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? NSDictionary)
            }
            // Everything cleared (the contact the draft starts with included): the facts alone.
            let cleared = try await app.api(
                .PATCH, path, token: token, rawBody: #"{"contactName": null, "contactPhone": null}"#)
            #expect(cleared.status == .ok)
            #expect(try object(cleared) == object(try await app.api(.GET, path, token: token)))
            #expect(try object(cleared)["contactName"] == nil)
            let filled = try await ApplicationFixtures.fill(
                app, id, token: token, form: CompleteApplication.conference())
            #expect(filled.status == .ok)
            let opened = try object(try await app.api(.GET, path, token: token))
            #expect(try object(filled) == opened)
            #expect(opened["projectName"] as? String == CompleteApplication.conference().projectName)
            #expect(opened["version"] as? Int == 3)
        }
    }

    @Test func patchReplacesTheFieldsSentAndTheServerSignsTheCommitment() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            var form = CompleteApplication.conference()
            form.commitment = Commitment(accepted: true, acceptedBy: "冒名者", acceptedAt: "2000-01-01T00:00:00Z")
            let filled = try await ApplicationFixtures.fill(app, id, token: token, form: form)
            #expect(filled.status == .ok)
            let body = try filled.content.decode(ApplicationBody.self)
            #expect(body.requestedYuan == 150_000)
            #expect(body.commitment?.acceptedBy == "王五")
            #expect(body.commitment?.acceptedAt?.hasPrefix("2000") == false)
            // Only the attachments are missing now.
            #expect(
                body.problemFields == [
                    "attachments.signedScan", "attachments.nonConfidentiality", "attachments.evidence",
                ])

            // A partial update keeps the rest; null clears a field.
            let partial = try await app.api(
                .PATCH, "/api/v1/applications/\(id)", token: token,
                rawBody: #"{"projectName": "新名称", "highlights": null}"#)
            let after = try partial.content.decode(ApplicationBody.self)
            #expect(after.projectName == "新名称")
            #expect(after.requestedYuan == 150_000)
            #expect(after.problemFields.contains("highlights"))
            #expect(after.version == body.version + 1)
        }
    }

    @Test func badPatchesAreRefusedByFieldAndChangeNothing() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let path = "/api/v1/applications/\(id)"
            let cases: [(String, HTTPStatus, Set<String>)] = [
                (#"{"projectName": "#, .badRequest, []),
                (#"["projectName"]"#, .badRequest, []),
                (#"{"projectNme": "typo", "colour": 1}"#, .unprocessableEntity, ["colour", "projectNme"]),
                (#"{"phases": [{"budgetYuan": "五万"}]}"#, .unprocessableEntity, ["phases[0].budgetYuan"]),
                (#"{"period": {"start": "2025-02-30"}}"#, .unprocessableEntity, ["period.start"]),
                (#"{"partners": "Fraunhofer"}"#, .unprocessableEntity, ["partners"]),
            ]
            for (body, status, fields) in cases {
                let response = try await app.api(.PATCH, path, token: token, rawBody: body)
                #expect(response.status == status, "\(body)")
                #expect(response.fields == fields, "\(body)")
                #expect(response.problems?.error.message.isEmpty == false)
            }
            let stored = try await app.api(.GET, path, token: token).content.decode(ApplicationBody.self)
            #expect(stored.version == 1)
            // A huge text is stored as typed and reported, never a 5xx.
            let huge = String(repeating: "字", count: 100_000)
            let response = try await app.api(.PATCH, path, token: token, json: ["summaryContent": huge])
            #expect(response.status == .ok)
            let problem = try response.content.decode(ApplicationBody.self).problems.first {
                $0.field == "summaryContent"
            }
            #expect(problem?.code == "tooLong")
        }
    }

    @Test func anOldVersionCannotOverwriteANewerOne() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            _ = try await app.api(.PATCH, "/api/v1/applications/\(id)", token: token, json: ["projectName": "一"])
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.replaceOrAdd(name: .ifMatch, value: "1")
            headers.contentType = .json
            try await app.testing().test(
                .PATCH, "/api/v1/applications/\(id)", headers: headers,
                body: ByteBuffer(string: #"{"projectName": "旧"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(response.body.string.contains("其他窗口"))
            }
        }
    }

    @Test func attachmentsAreJudgedByTheirContentAndStoredOnce() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            // An executable renamed to .pdf is refused and leaves nothing behind.
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 100))
            let refused = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "signedScan", name: "盖章.pdf", data: elf)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.fields == ["file"])
            #expect(refused.problems?.errors.first?.message.contains("改扩展名无效") == true)
            #expect(try await BlobModel.query(on: app.db).count() == 0)
            #expect(try await AttachmentModel.query(on: app.db).count() == 0)

            let noKind = try await ApplicationFixtures.upload(app, id, token: token, kind: "photo")
            #expect(noKind.fields == ["kind"])

            let first = try await ApplicationFixtures.upload(app, id, token: token, kind: "signedScan")
            #expect(first.status == .created)
            let attachment = try first.content.decode(ApplicationBody.Attachment.self)
            let expected = SHA256.hash(data: ApplicationFixtures.pdf).map { String(format: "%02x", $0) }.joined()
            #expect(attachment.sha256 == expected)
            #expect(attachment.name == "扫描件.pdf")
            let second = try await ApplicationFixtures.upload(app, id, token: token, kind: "nonConfidentiality")
            #expect(second.status == .created)
            #expect(try await BlobModel.query(on: app.db).count() == 1)
            // The application is read with its attachments in one query, a row for each: both are
            // listed, once each, in the order they came, and neither is still asked for.
            let read = try await app.api(.GET, "/api/v1/applications/\(id)", token: token)
            let body = try read.content.decode(ApplicationBody.self)
            #expect(body.attachments.map(\.kind) == ["signedScan", "nonConfidentiality"])
            #expect(body.problemFields.isDisjoint(with: ["attachments.signedScan", "attachments.nonConfidentiality"]))

            let download = try await app.api(
                .GET, "/api/v1/applications/\(id)/attachments/\(attachment.id)", token: token)
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == ApplicationFixtures.pdf)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)

            #expect(
                try await app.api(.DELETE, "/api/v1/applications/\(id)/attachments/\(attachment.id)", token: token)
                    .status == .noContent)
            #expect(try await BlobModel.query(on: app.db).count() == 1)  // the other attachment still uses it
            let list = try await app.api(.GET, "/api/v1/applications/\(id)/attachments", token: token)
            #expect(try list.content.decode([ApplicationBody.Attachment].self).map(\.kind) == ["nonConfidentiality"])
        }
    }

    @Test func filesOverTheLimitsAreRefusedWithTheLimitNamed() async throws {
        try await withShenbao(environment: ["SHENBAO_MAX_ATTACHMENT_MB": "1", "SHENBAO_MAX_APPLICATION_MB": "2"]) {
            app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            // Padding inside the file, so that it still ends as a PDF does.
            func pdf(kilobytes: Int) -> Data {
                Data("%PDF-1.4\n%".utf8) + Data(repeating: 0x20, count: kilobytes * 1024) + ApplicationFixtures.pdf
            }
            let tooBig = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", data: pdf(kilobytes: 1100))
            #expect(tooBig.status == .unprocessableEntity)
            #expect(tooBig.problems?.errors.first?.code == "tooLarge")
            #expect(tooBig.problems?.errors.first?.message.contains("1 MB") == true)
            let huge = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", data: pdf(kilobytes: 3000), overHTTP: true)
            #expect(huge.status == .payloadTooLarge)
            #expect(huge.problems?.error.message.contains("过大") == true)

            for index in 0..<2 {
                let ok = try await ApplicationFixtures.upload(
                    app, id, token: token, kind: "evidence", data: pdf(kilobytes: 900) + Data([UInt8(index)]))
                #expect(ok.status == .created)
            }
            let third = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", data: pdf(kilobytes: 300))
            #expect(third.problems?.errors.first?.code == "applicationTooLarge")
            #expect(try await AttachmentModel.query(on: app.db).count() == 2)
        }
    }

    @Test func submittingChecksEveryRuleAndTheRouteThenHandsItToTheRecommender() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            _ = try await ApplicationFixtures.fill(app, id, token: token)
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let furong = try await ApplicationFixtures.recommenderID(app, named: "芙蓉区科学技术协会")

            let incomplete = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": furong.uuidString])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(
                incomplete.fields == [
                    "attachments.signedScan", "attachments.nonConfidentiality", "attachments.evidence", "recommenderId",
                ])
            #expect(incomplete.problems?.errors.last?.code == "outsideTerritory")

            try await ApplicationFixtures.uploadRequired(app, id, token: token)
            let submitted = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": yuelu.uuidString])
            #expect(submitted.status == .ok)
            let body = try submitted.content.decode(ApplicationBody.self)
            #expect(body.status == "atRecommender")
            #expect(body.currentHolder.name == "岳麓区科学技术协会")
            #expect(body.problems.isEmpty)

            // The organisation is copied: a later profile edit does not rewrite the application.
            let organization = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$kind == .applicant).first())
            organization.address = "新地址"
            try await organization.save(on: app.db)
            let again = try await app.api(.GET, "/api/v1/applications/\(id)", token: token).content.decode(
                ApplicationBody.self)
            #expect(again.organization.address == "长沙市岳麓区麓谷大道1号")

            // A second click, an edit, an upload afterwards: refused, clearly.
            let second = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": yuelu.uuidString])
            #expect(second.status == .conflict)
            #expect(second.problems?.error.message == "该申报书已提交，不能重复提交")
            let edit = try await app.api(.PATCH, "/api/v1/applications/\(id)", token: token, json: ["projectName": "改"])
            #expect(edit.status == .conflict)
            #expect(edit.problems?.error.message.contains("不能再修改") == true)
            let upload = try await ApplicationFixtures.upload(app, id, token: token, kind: "evidence")
            #expect(upload.status == .conflict)

            // The history records it all, each event chained to the one before.
            let events = try await ApplicationEventModel.query(on: app.db).filter(\.$application.$id == id)
                .sort(\.$sequence).all()
            #expect(events.map(\.action) == ["create", "attach", "attach", "attach", "submit"])
            #expect(events.last?.fromStatus == "draft" && events.last?.toStatus == "atRecommender")
            #expect(events.allSatisfy { $0.hash == $0.computedHash })
            #expect(zip(events.dropFirst(), events).allSatisfy { $0.previousHash == $1.hash })
        }
    }

    @Test func twoSubmitsAtOnceSubmitOnce() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            async let first = app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": yuelu.uuidString])
            async let second = app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": yuelu.uuidString])
            let statuses = try await [first.status, second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let submits = try await ApplicationEventModel.query(on: app.db).filter(\.$action == "submit").count()
            #expect(submits == 1)
        }
    }

    @Test func aSanctionedRecommenderReceivesNothing() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let yuelu = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$name == "岳麓区科学技术协会").first())
            yuelu.sanctionedUntil = "2099-12-31"
            try await yuelu.save(on: app.db)
            let response = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token,
                json: ["recommenderId": try yuelu.requireID().uuidString])
            #expect(response.status == .unprocessableEntity)
            #expect(response.problems?.errors.first?.code == "sanctioned")
            let choices = try await app.api(.GET, "/api/v1/applications/\(id)/recommenders", token: token)
                .content.decode([RecommenderChoice].self)
            #expect(choices.filter(\.available).map(\.name) == ["长沙市科学技术协会"])
            let closed = try #require(choices.first { !$0.available })
            #expect(closed.name == "岳麓区科学技术协会")
            #expect(closed.reason?.contains("2099年12月31日") == true)
        }
    }

    @Test func aWithdrawnApplicationStaysWithdrawn() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            _ = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": yuelu.uuidString])
            let withdrawn = try await app.api(
                .POST, "/api/v1/applications/\(id)/withdraw", token: token, json: ["comment": "项目调整"])
            #expect(try withdrawn.content.decode(ApplicationBody.self).status == "withdrawn")
            let again = try await app.api(.POST, "/api/v1/applications/\(id)/withdraw", token: token)
            #expect(again.status == .conflict)
        }
    }
}
