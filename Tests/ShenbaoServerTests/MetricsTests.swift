import Foundation
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct MetricsTests {
    @Test("/metrics counts requests by route and shows the queues; every response names its request id")
    func metrics() async throws {
        try await withShenbao { app in
            let home = try await app.api(.GET, "/api/v1/calls/2025")
            let id = try #require(home.headers.first(name: "X-Request-Id"))
            #expect(!id.isEmpty)
            var headers = HTTPHeaders()
            headers.add(name: "X-Request-Id", value: "nginx-abc123")
            try await app.testing().test(.GET, "/healthz", headers: headers) { response in
                #expect(response.headers.first(name: "X-Request-Id") == "nginx-abc123")
            }
            let metrics = try await app.api(.GET, "/metrics")
            #expect(metrics.status == .ok)
            let text = metrics.body.string
            #expect(text.contains("http_requests_total{"))
            #expect(text.contains("path=\"/api/v1/calls/:callId\""))
            #expect(text.contains("shenbao_mail_queue 0"))
            #expect(text.contains("shenbao_pdf_conversions_waiting 0"))
        }
    }

    @Test("/metrics shows the database pool and the queues: a transaction holds a connection, a second writer waits")
    func poolAndQueues() async throws {
        try await withShenbao { app in
            let rest = try await app.api(.GET, "/metrics").body.string
            // The scrape itself is the one request being answered.
            #expect(rest.contains("shenbao_requests_in_flight 1"))
            #expect(rest.contains("shenbao_database_connections_in_use 0"))
            #expect(rest.contains("shenbao_database_connections_waiting 0"))
            #expect(rest.contains("shenbao_uploads_waiting 0"))
            #expect(metricValue("shenbao_database_connections_max", in: rest) ?? 0 >= 1)

            let load = app.serverLoad
            var second: Task<Void, any Error>?
            try await whileATransactionWaits(app) {
                if let writer = load.writer {
                    // SQLite writes through one connection: the second writer waits in line, counted.
                    #expect(rest.contains("shenbao_sqlite_writes_waiting 0"))
                    second = Task { try await app.db.transaction { _ in } }
                    try await waitFor { writer.waiting == 1 }
                    let scrape = try await app.api(.GET, "/metrics").body.string
                    #expect(metricValue("shenbao_sqlite_writes_waiting", in: scrape) == 1)
                } else {
                    try await waitFor { load.database.snapshot.inUse == 1 }
                }
            }
            try await second?.value
            #expect(load.database.snapshot == .init())
        }
    }

    @Test func aMetricsTokenKeepsOthersOut() async throws {
        try await withShenbao(environment: ["SHENBAO_METRICS_TOKEN": "s3cret-token"]) { app in
            let none = try await app.api(.GET, "/metrics")
            let wrong = try await app.api(.GET, "/metrics", token: "wrong")
            let right = try await app.api(.GET, "/metrics", token: "s3cret-token")
            #expect(none.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            #expect(right.status == .ok)
        }
    }
}
