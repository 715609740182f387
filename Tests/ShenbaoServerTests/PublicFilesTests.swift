import Foundation
import Testing
import Vapor

@testable import ShenbaoServer

@Suite struct PublicFilesTests {
    @Test("style sheets and scripts are served from Public/; other requests go on to the routes")
    func publicFilesAndRoutes() async throws {
        try await withShenbao { app in
            let sheet = try await app.api(.GET, "/css/app.css")
            #expect(sheet.status == .ok)
            #expect(sheet.headers.contentType == .css)
            let onDisk = try String(contentsOfFile: app.directory.publicDirectory + "css/app.css", encoding: .utf8)
            #expect(sheet.body.string == onDisk)
            #expect(try await app.api(.HEAD, "/js/application-form.js").status == .ok)

            // Inside Public's folders but not there: the routes' Chinese 404.
            let missing = try await app.api(.GET, "/css/none.css")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("未找到您要访问的页面或资源"))
            // A form sent there is not answered with the file (the CSRF check refuses it first).
            let posted = try await app.api(.POST, "/css/app.css")
            #expect(posted.status == .forbidden)
            #expect(posted.body.string != onDisk)
            // A way out of Public/ is refused, as Vapor's FileMiddleware refuses it.
            #expect(try await app.api(.GET, "/css/../../Package.swift").status != .ok)

            // Everything else reaches its route as before.
            #expect(try await app.api(.GET, "/livez").status == .ok)
            #expect(try await app.api(.GET, "/api/v1/applications").status == .unauthorized)
        }
    }
}
