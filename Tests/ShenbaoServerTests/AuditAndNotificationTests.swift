import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct AuditAndNotificationTests {
    @Test func auditVerifyFindsTheFirstEditedEvent() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county)
            let whole = try await AuditVerifier.verify(on: app.db)
            #expect(whole.firstBreak == nil)
            #expect(whole.events >= 5)

            // Someone edits the county's opinion text straight in the database.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update("application_events").set("comment", to: "改过的意见")
                .where("action", .equal, "recommendToCity").run()
            let broken = try await AuditVerifier.verify(on: app.db)
            #expect(broken.firstBreak?.contains(id.uuidString) == true)
            #expect(broken.firstBreak?.contains("本条记录被修改") == true)
        }
    }

    @Test("the history and the security trail are stamped by the application's clock, to the second, and verify")
    func eventTimesReadTheApplicationsClock() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let minute = beijing("2030-05-06 10:20")
            app.now = { minute.addingTimeInterval(30.7) }
            let id = try await ApplicationFixtures.submitted(app, people)
            let submit = try #require(
                try await ApplicationEventModel.query(on: app.db).filter(\.$application.$id == id)
                    .filter(\.$action == EventAction.workflow(.submit).rawValue).first())
            #expect(submit.at == minute.addingTimeInterval(30))

            let stranger = Browser(app)
            try await stranger.get("/login")
            let refused = try await stranger.post("/login", form: [("username", "hnkx"), ("password", "wrong-guess")])
            #expect(refused.status != .seeOther)
            let line = try #require(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .loginFailed).first())
            #expect(line.at == minute.addingTimeInterval(30))

            let verified = try await AuditVerifier.verify(on: app.db)
            #expect(verified.firstBreak == nil)
        }
    }

    @Test func aMailAgentThatRefusesBeforeReadingIsAFailureNotACrash() async throws {
        // Larger than a pipe's buffer, so the write is still under way when the agent closes its
        // input: the server used to die of the broken pipe.
        let message = String(repeating: "正文", count: 200_000)
        let failure = await #expect(throws: MailDelivery.SendmailFailed.self) {
            try await MailDelivery.send(message, using: "exec 0<&-; echo 'connection refused' >&2; exit 75")
        }
        #expect(failure?.status == 75)
        #expect(failure?.output.contains("connection refused") == true)
    }

    @Test func whoeverMustActNextIsToldInTheAppAndByMail() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mail-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A sendmail stand-in: each message it receives becomes a file; "fail" makes it refuse once.
        let script = folder.appendingPathComponent("sendmail.sh")
        try """
        #!/bin/sh
        if [ -e "\(folder.path)/fail" ]; then rm "\(folder.path)/fail"; echo "connection refused" >&2; exit 75; fi
        cat > "\(folder.path)/message-$(date +%s%N).eml"
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)

        try await withShenbao(environment: ["SHENBAO_SENDMAIL": script.path]) { app in
            let people = try await ChainPeople.make(app)
            FileManager.default.createFile(atPath: folder.appendingPathComponent("fail").path, contents: Data())
            let id = try await ApplicationFixtures.submitted(app, people)

            // The county's clerk has a message about it.
            struct Message: Decodable { var title: String; var link: String?; var read: Bool; var id: UUID }
            let inbox = try await app.api(.GET, "/api/v1/notifications", token: people.county).content.decode(
                [Message].self)
            #expect(inbox.count == 1)
            #expect(inbox.first?.title.contains("待审核") == true)
            #expect(inbox.first?.link == "/applications/\(id)")
            #expect(
                try await app.api(.GET, "/api/v1/notifications", token: people.city).content.decode([Message].self)
                    .isEmpty)

            // The mail agent refuses the first time: the message stays queued, then goes.
            let config = app.shenbaoConfig
            #expect(try await MailDelivery.deliverDue(db: app.db, config: config, logger: app.logger) == 0)
            let queued = try #require(try await MailOutboxModel.query(on: app.db).first())
            #expect(queued.status == .pending)
            #expect(queued.lastError?.contains("connection refused") == true)
            let later = Date().addingTimeInterval(3600)
            #expect(try await MailDelivery.deliverDue(db: app.db, config: config, logger: app.logger, now: later) == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            #expect(files.count == 1)
            let message = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
            #expect(message.contains("To: <yuelu@example.com>"))
            #expect(message.contains("Content-Type: text/plain; charset=UTF-8"))
            let encodedBody = message.components(separatedBy: "\r\n\r\n").dropFirst().joined().replacingOccurrences(
                of: "\r\n", with: "")
            let body = String(
                decoding: Data(base64Encoded: encodedBody.trimmingCharacters(in: .whitespacesAndNewlines)) ?? Data(),
                as: UTF8.self)
            #expect(body.contains("/applications/\(id)"))

            // Reading marks it read; someone else's message is not found.
            let messageID = try #require(inbox.first?.id)
            #expect(
                try await app.api(.POST, "/api/v1/notifications/\(messageID)/read", token: people.city).status
                    == .notFound)
            #expect(
                try await app.api(.POST, "/api/v1/notifications/\(messageID)/read", token: people.county).status
                    == .noContent)
            let after = try await app.api(.GET, "/api/v1/notifications", token: people.county).content.decode(
                [Message].self)
            #expect(after.first?.read == true)
        }
    }
}
