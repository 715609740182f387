import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import ShenbaoServer

/// Files that look right at their first bytes and are something else: each refused with its
/// reason, and nothing stored.
@Suite struct AttachmentSafetyTests {
    /// A .docx-shaped archive whose document unpacks to `size` bytes: one repeated character, or
    /// text that packs like real prose.
    static func docx(documentBytes size: Int, varied: Bool = false) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let types = Data("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)
        try archive.addEntry(
            with: "[Content_Types].xml", type: .file, uncompressedSize: Int64(types.count),
            compressionMethod: .deflate
        ) { position, length in types.subdata(in: Int(position)..<Int(position) + length) }
        let chunk =
            varied
            ? Data((0..<1024 * 1024).map { _ in UInt8.random(in: 0x61...0x7A) })
            : Data(repeating: UInt8(ascii: "0"), count: 1024 * 1024)
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate
        ) { position, length in chunk.prefix(min(length, size - Int(position))) }
        return try #require(archive.data)
    }

    @Test func polyglotsAndZipBombsAreRefusedAndNothingIsStored() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)

            let polyglot = Data("%PDF-1.4\n<html><script>alert(1)</script></html>\n".utf8)
            let fake = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "signedScan", name: "扫描件.pdf", data: polyglot)
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.problems?.errors.first?.message.contains("不是完整的 PDF 文件") == true)

            let bomb = try Self.docx(documentBytes: 300 * 1024 * 1024)
            #expect(bomb.count < 2 * 1024 * 1024, "it packs small")
            let refused = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", name: "佐证.docx", data: bomb)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.errors.first?.message.contains("疑似压缩炸弹") == true)
            #expect(try await AttachmentModel.query(on: app.db).count() == 0)

            // A Word file of ordinary size still goes in.
            let ordinary = try Self.docx(documentBytes: 20_000, varied: true)
            let accepted = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", name: "佐证.docx", data: ordinary)
            #expect(accepted.status == .created, "\(accepted.body.string)")
        }
    }
}
