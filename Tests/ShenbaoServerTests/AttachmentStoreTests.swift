import Crypto
import Fluent
import Foundation
import SQLKit
import SQLiteNIO
import Testing
import Vapor

@testable import ShenbaoServer

/// Where an attachment's bytes live: a file beside the SQLite database (written outside the one
/// write lane), the `blobs` row on PostgreSQL. Either way the applicant downloads what was sent,
/// a backup holds it, and a deleted attachment's bytes go.
@Suite struct AttachmentStoreTests {
    private static let scan = Data("%PDF-1.4\n% 存储测试\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".utf8)
    private static let sha256 = SHA256.hash(data: scan).map { String(format: "%02x", $0) }.joined()

    @Test func anUploadIsAFileOnSQLiteAndARowOnPostgreSQLAndGoesWithItsLastAttachment() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let uploaded = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "signedScan", data: Self.scan)
            #expect(uploaded.status == .created)
            let attachment = try uploaded.content.decode(ApplicationBody.Attachment.self)
            let row = try #require(try await BlobModel.query(on: app.db).filter(\.$sha256 == Self.sha256).first())
            #expect(row.size == Int64(Self.scan.count))
            if let store = app.shenbaoConfig.attachmentStore {
                #expect(row.data.isEmpty, "on SQLite the bytes are not in the database")
                #expect(FileManager.default.contents(atPath: store.path(of: Self.sha256)) == Self.scan)
                #expect(store.path(of: Self.sha256).hasPrefix(app.shenbaoConfig.dataDirectory))
            } else {
                #expect(row.data == Self.scan, "on PostgreSQL every instance reads them from the database")
            }
            let download = try await app.api(
                .GET, "/api/v1/applications/\(id)/attachments/\(attachment.id)", token: token)
            #expect(Data(buffer: download.body) == Self.scan)

            #expect(
                try await app.api(.DELETE, "/api/v1/applications/\(id)/attachments/\(attachment.id)", token: token)
                    .status == .noContent)
            #expect(try await BlobModel.query(on: app.db).count() == 0)
            if let store = app.shenbaoConfig.attachmentStore {
                #expect(!store.contains(Self.sha256), "nothing names the file any more")
            }
        }
    }

    @Test func bytesKeptInTheDatabaseMoveToTheirFileAndABackupHoldsThemAll() async throws {
        try await withShenbao { app in
            guard let store = app.shenbaoConfig.attachmentStore else { return }  // SQLite only
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let uploaded = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "signedScan", data: Self.scan)
            let attachment = try uploaded.content.decode(ApplicationBody.Attachment.self)
            // As a database of an earlier version holds them: in the row, no file.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE blobs SET data = \(bind: Self.scan) WHERE sha256 = \(bind: Self.sha256)").run()
            store.remove(Self.sha256)
            let before = try await app.api(
                .GET, "/api/v1/applications/\(id)/attachments/\(attachment.id)", token: token)
            #expect(Data(buffer: before.body) == Self.scan, "a row's own bytes are read as they are")

            _ = try await prepareDatabase(app, config: app.shenbaoConfig)
            #expect(FileManager.default.contents(atPath: store.path(of: Self.sha256)) == Self.scan)
            let row = try #require(try await BlobModel.query(on: app.db).filter(\.$sha256 == Self.sha256).first())
            #expect(row.data.isEmpty)
            let after = try await app.api(
                .GET, "/api/v1/applications/\(id)/attachments/\(attachment.id)", token: token)
            #expect(Data(buffer: after.body) == Self.scan)

            // One backup file holds the bytes as well as the rows.
            let backup = app.shenbaoConfig.dataDirectory + "/copy.backup"
            try await Backup.backup(app, config: app.shenbaoConfig, to: backup)
            let copy = try await SQLiteConnection.open(storage: .file(path: backup))
            let rows = try await copy.query("SELECT data FROM blobs WHERE sha256 = ?", [.text(Self.sha256)])
            try await copy.close()
            #expect(rows.first?.column("data")?.blob.map { Data(buffer: $0) } == Self.scan)

            // A file gone missing is told, and leaves no half backup behind.
            store.remove(Self.sha256)
            let broken = app.shenbaoConfig.dataDirectory + "/broken.backup"
            await #expect(throws: Backup.Failure.self) {
                try await Backup.backup(app, config: app.shenbaoConfig, to: broken)
            }
            #expect(!FileManager.default.fileExists(atPath: broken))
        }
    }
}
