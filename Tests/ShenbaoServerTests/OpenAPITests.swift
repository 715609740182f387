import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct OpenAPITests {
    struct Document: Decodable {
        var openapi: String
        var paths: [String: [String: OperationBody]]
        struct OperationBody: Decodable { var summary: String }
    }

    @Test func theDocumentDescribesEveryAPIRouteAndNothingElse() async throws {
        try await withShenbao { app in
            let response = try await app.api(.GET, "/openapi.json")
            #expect(response.status == .ok)
            let document = try response.content.decode(Document.self)
            #expect(document.openapi.hasPrefix("3."))
            let described = Set(
                document.paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let routed = Set(
                app.routes.all
                    .map { route in
                        let path =
                            "/"
                            + route.path.map { component in
                                if case .parameter(let name) = component { return "{\(name)}" }
                                return component.description
                            }.joined(separator: "/")
                        return "\(route.method.rawValue) \(path)"
                    }
                    .filter {
                        $0.contains(" /api/") || $0.hasSuffix(" /healthz") || $0.hasSuffix(" /livez")
                            || $0.hasSuffix(" /openapi.json")
                    })
            #expect(routed.subtracting(described).isEmpty, "routes missing from openapi.json")
            #expect(described.subtracting(routed).isEmpty, "openapi.json describes routes that do not exist")
            #expect(document.paths.values.flatMap(\.values).allSatisfy { !$0.summary.isEmpty })
        }
    }

    @Test func healthzReportsTheDatabase() async throws {
        try await withShenbao { app in
            let response = try await app.api(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(response.body.string.contains("ok"))
            // Liveness asks nothing of the database (crash.py checks it with PostgreSQL stopped).
            let alive = try await app.api(.GET, "/livez")
            #expect(alive.status == .ok)
            #expect(alive.body.string == #"{"status":"ok"}"#)
            // Probes are machines: a bad token gets JSON, not the login page (which, followed with
            // the same header, redirected to itself until the client gave up).
            for path in ["/healthz", "/livez"] {
                let refused = try await app.api(.GET, path, token: "not-a-token")
                #expect(refused.status == .unauthorized, "\(path)")
                #expect(refused.problems?.error.code == "invalidToken", "\(path)")
            }
        }
    }

    @Test func anUnknownAPIPathIsAJSON404AndAnUnknownPageAChinesePage() async throws {
        try await withShenbao { app in
            let api = try await app.api(.GET, "/api/v1/nothing")
            #expect(api.status == .notFound)
            #expect(api.problems?.error.code == "notFound")
            let page = try await Browser(app).get("/nothing")
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("未找到您要访问的页面"))
            #expect(page.body.string.contains("<html lang=\"zh-CN\">"))
        }
    }
}
