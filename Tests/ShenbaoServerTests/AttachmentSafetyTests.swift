import Foundation
import ShenbaoCore
import ShenbaoDocuments
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

    /// The archive with every size it declares for its document rewritten to `declared`: the
    /// lie a zip bomb tells a check that only reads its directory.
    static func lying(_ archive: Data, declared: UInt32) -> Data {
        var bytes = [UInt8](archive)
        func write(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
        }
        var offset = 0
        while offset + 46 <= bytes.count {
            if bytes[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
                write(declared, at: offset + 24)  // central directory: uncompressed size
            } else if bytes[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
                write(declared, at: offset + 22)  // local header: uncompressed size
            }
            offset += 1
        }
        return Data(bytes)
    }

    @Test("a .docx whose archive declares small sizes but inflates to 30 MB is refused, by inflating it")
    func aBombThatLiesAboutItsSizeIsRefused() async throws {
        let bomb = Self.lying(try Self.docx(documentBytes: 30 * 1024 * 1024), declared: 1000)
        #expect(FileCheck.refusal(.docx, of: bomb) == nil, "the declared sizes alone pass it")
        #expect(ArchiveInflation.refusal(ofDocx: bomb) != nil)
        #expect(ArchiveInflation.refusal(ofDocx: try Self.docx(documentBytes: 200 * 1024, varied: true)) == nil)
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let refused = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", name: "佐证.docx", data: bomb)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.errors.first?.code == "unsafeFile")
        }
    }

    @Test("a file name loses direction overrides and keeps its extension when shortened")
    func fileNamesAreCleaned() {
        let long = String(repeating: "湖南省国际科技交流项目申报材料", count: 10) + ".docx"
        #expect(ApplicationPackage.safeName(long).hasSuffix(".docx"))
        #expect(ApplicationPackage.safeName(long).count == 80)
        #expect(ApplicationPackage.safeName("报告\u{202E}fdp.exe") == "报告fdp.exe")
        #expect(AttachmentService.cleanName("扫描\u{202E}fdp.pdf", type: .pdf) == "扫描fdp.pdf")
        #expect(AttachmentService.cleanName(String(repeating: "长", count: 200) + ".pdf", type: .pdf).hasSuffix(".pdf"))
    }
}
