import Foundation
import MultipartKit
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct MultipartFormTests {
    /// Contents that come close to a boundary without being one: line ends, dashes, the boundary
    /// without its dashes, a prefix of the delimiter at the very end.
    static let awkward: [[UInt8]] = [
        [],
        Array("\r\n".utf8),
        Array("--\r\n--\r\n\r\n".utf8),
        Array("a\r\n--Xy\r\n--XyZ9".utf8),
        Array("XyZ9kQ\r\n-".utf8),
        Array("\r\n--XyZ9k".utf8) + [0],
        (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) },
    ]

    @Test("Every part comes back as MultipartKit's own serializer wrote it, whatever bytes it holds")
    func roundTripsWithMultipartKit() throws {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<20).map { _ in
            (0..<Int.random(in: 0...3000, using: &generator)).map { _ in
                // Mostly the bytes a boundary is made of, so near-misses are common.
                Array("\r\n-XyZ9kQ".utf8).randomElement(using: &generator)!
            }
        }
        for content in Self.awkward + random {
            let parts = [
                MultipartPart(headers: ["Content-Disposition": "form-data; name=\"kind\""], body: "signedScan"),
                MultipartPart(
                    headers: [
                        "Content-Disposition": "form-data; name=\"file\"; filename=\"申报书 扫描件.pdf\"",
                        "Content-Type": "application/pdf",
                    ], body: content),
            ]
            var body = ByteBuffer()
            try MultipartSerializer().serialize(parts: parts, boundary: "XyZ9kQ", into: &body)
            let form = try MultipartForm(parsing: body, boundary: "XyZ9kQ")
            #expect(form.parts.count == 2)
            #expect(form.text("kind") == "signedScan")
            let file = try #require(form.file("file"))
            #expect(file.filename == "申报书 扫描件.pdf")
            #expect(Array(buffer: file.data) == content)
        }
    }

    @Test("A preamble, spaces after a boundary, a part without headers and an epilogue are what RFC 2046 allows")
    func acceptsWhatTheRFCAllows() throws {
        let body =
            "this is a preamble\r\n--b1  \r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
            + "--b1\r\n\r\nno headers\r\n--b1--\r\nan epilogue"
        let form = try MultipartForm(parsing: ByteBuffer(string: body), boundary: "b1")
        #expect(form.text("_csrf") == "tok")
        #expect(form.parts.count == 2)
        #expect(String(buffer: form.parts[1].body) == "no headers")
        #expect(form.file("_csrf") == nil)  // a field, not a file: it has no file name
    }

    @Test("A body cut short, without its boundary, with a header line that is not one, or too many parts is refused")
    func refusesBrokenBodies() throws {
        let part = "--b1\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nx\r\n"
        let broken = [
            "",
            "no boundary at all",
            part,  // never closed
            "--b1\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nx",  // cut inside the content
            "--b1\r\nnot a header\r\n\r\nx\r\n--b1--",
            "--b1garbage\r\n\r\nx\r\n--b1--",
            String(repeating: part, count: MultipartForm.maximumParts + 1) + "--b1--",
            "--b1\r\nX-Long: \(String(repeating: "a", count: MultipartForm.maximumHeaderBytes))\r\n\r\nx\r\n--b1--",
        ]
        for body in broken {
            #expect(throws: AppError.self, "\(body.prefix(60))") {
                try MultipartForm(parsing: ByteBuffer(string: body), boundary: "b1")
            }
        }
        let most = String(repeating: part, count: MultipartForm.maximumParts) + "--b1--"
        #expect(try MultipartForm(parsing: ByteBuffer(string: most), boundary: "b1").parts.count == 64)
    }

    @Test("An upload that is not multipart, or has no boundary, is a 400 that says so, and stores nothing")
    func uploadsNeedAForm() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            for contentType in ["application/json", "multipart/form-data", "multipart/form-data; boundary=\"\""] {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: token)
                headers.replaceOrAdd(name: .contentType, value: contentType)
                try await app.testing().test(
                    .POST, "/api/v1/applications/\(id)/attachments", headers: headers,
                    body: ByteBuffer(string: "{\"kind\":\"signedScan\"}")
                ) { response in
                    #expect(response.status == .badRequest, "\(contentType)")
                    let error = try response.content.decode(ErrorBody.self)
                    #expect(error.error.code == "malformedBody")
                    #expect(error.error.message.contains("multipart/form-data"))
                }
            }
            #expect(try await AttachmentModel.query(on: app.db).count() == 0)
        }
    }
}
