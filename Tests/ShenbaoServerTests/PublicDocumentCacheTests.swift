import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The public notice's PDF is converted once for everyone who asks, and again when its list changes.
@Suite(.enabled(if: DocumentsServerTests.libreOffice, "set SHENBAO_TEST_LIBREOFFICE=1 with LibreOffice installed"))
struct PublicDocumentCacheTests {
    /// The text of a PDF, through poppler's pdftotext (installed beside LibreOffice).
    static func text(of pdf: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shenbao-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // In the order it was written, cell by cell: a name wrapped in its cell reads whole.
        process.arguments = ["pdftotext", "-raw", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: text, as: UTF8.self).filter { !$0.isWhitespace }
    }

    @Test func theNoticePDFIsConvertedOnceUntilItsListChanges() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }
            _ = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            let converter = app.pdfConverter
            let path = "/api/v1/public/calls/2025/notice.pdf"

            // Two at once wait for one conversion; a third later gets the kept PDF.
            async let first = app.api(.GET, path)
            async let second = app.api(.GET, path)
            let (one, two) = try await (first, second)
            let third = try await app.api(.GET, path)
            for response in [one, two, third] {
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body).starts(with: Array("%PDF".utf8)))
            }
            #expect(Data(buffer: one.body) == Data(buffer: third.body))
            #expect(await converter.load.conversions == 1)
            #expect(try Self.text(of: Data(buffer: third.body)).contains("项目B"))

            // A project renamed: the list changed, so the PDF is made again and shows it.
            let renamed = try #require(try await ApplicationModel.find(people.ids["B"], on: app.db))
            renamed.form.projectName = "项目B中德联合实验室"
            try await renamed.save(on: app.db)
            let changed = try await app.api(.GET, path)
            #expect(changed.status == .ok)
            #expect(await converter.load.conversions == 2)
            #expect(try Self.text(of: Data(buffer: changed.body)).contains("项目B中德联合实验室"))
            #expect(await app.publicDocuments.count == 2)
        }
    }
}
