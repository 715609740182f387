import CoreMetrics
import Fluent
import Foundation
import Prometheus
import Vapor

/// Prometheus metrics. Vapor reports every request through swift-metrics (`http_requests_total`
/// and `http_request_duration_seconds` by method, route and status); we add the sizes of the
/// queues that grow when something is stuck, read when Prometheus scrapes.
enum ShenbaoMetrics {
    /// One registry per process: swift-metrics can be bootstrapped only once, and the tests
    /// start many applications in one process.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func bootstrap() { _ = registry }
}

/// `GET /metrics` in Prometheus' text format.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    /// Asked on this machine itself and not through a proxy (which would forward the world's
    /// requests from a loopback address too).
    static func isLocal(_ req: Request) -> Bool {
        let forwarded = ["X-Forwarded-For", "X-Real-IP", "Forwarded"].contains { req.headers.contains(name: $0) }
        guard !forwarded else { return false }
        // No peer address: a Unix socket's peer, or the tests' in-memory requests, on this machine.
        guard let address = req.remoteAddress?.ipAddress else { return req.remoteAddress == nil }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    func metrics(req: Request) async throws -> Response {
        if let token = req.application.shenbaoConfig.metricsToken,
            !Secrets.equal(req.headers.bearerAuthorization?.token ?? "", token)
        {
            // Answered here, not by the error middleware, which sends page visitors to the login.
            return Response(status: .unauthorized, body: .init(string: "请提供正确的监控令牌\n"))
        }
        if req.application.shenbaoConfig.metricsToken == nil, !Self.isLocal(req) {
            return Response(
                status: .forbidden, body: .init(string: "未设置 SHENBAO_METRICS_TOKEN 时，监控数据只对本机开放\n"))
        }
        // The queues are this application's, so they go into a registry of this scrape's own: in
        // the shared one, two applications in one process (the tests) would overwrite each other's.
        let registry = PrometheusCollectorRegistry()
        let unsent = try await MailOutboxModel.query(on: req.db).filter(\.$sentAt == nil).count()
        registry.makeGauge(name: "shenbao_mail_queue", help: "待发送的通知邮件").set(Double(unsent))
        let exports = try await ExportJobModel.query(on: req.db).filter(\.$status == .running).count()
        registry.makeGauge(name: "shenbao_export_jobs_running", help: "正在进行的批量导出").set(Double(exports))
        let pdf = await req.application.pdfConverter.load
        registry.makeGauge(name: "shenbao_pdf_conversions_running", help: "正在进行的 PDF 转换").set(Double(pdf.running))
        registry.makeGauge(name: "shenbao_pdf_conversions_waiting", help: "排队等待的 PDF 转换").set(Double(pdf.waiting))
        registry.makeGauge(name: "shenbao_pdf_offices", help: "保持运行的 LibreOffice 进程").set(Double(pdf.offices))
        // Counters that start at zero with the process; Prometheus' rate() reads them as counters.
        registry.makeCounter(name: "shenbao_pdf_office_starts_total", help: "启动过的 LibreOffice 进程（进程退出或超时后重启）")
            .increment(by: Int64(pdf.officeStarts))
        registry.makeCounter(name: "shenbao_pdf_conversions_total", help: "开始过的 PDF 转换")
            .increment(by: Int64(pdf.conversions))
        let load = req.application.serverLoad
        registry.makeGauge(name: "shenbao_requests_in_flight", help: "正在处理的请求").set(Double(load.requests.current))
        let pool = load.database.snapshot
        registry.makeGauge(name: "shenbao_database_connections_max", help: "数据库连接池最多可开的连接")
            .set(Double(load.database.capacity))
        registry.makeGauge(name: "shenbao_database_connections_in_use", help: "正在使用的数据库连接")
            .set(Double(pool.inUse))
        registry.makeGauge(name: "shenbao_database_connections_waiting", help: "等待数据库连接的操作")
            .set(Double(pool.waiting))
        if let writer = load.writer {
            registry.makeGauge(name: "shenbao_sqlite_writes_waiting", help: "排队等待写入 SQLite 的操作")
                .set(Double(writer.waiting))
        }
        let uploads = await load.uploads.load
        registry.makeGauge(name: "shenbao_uploads_reading", help: "正在读取的大请求（上传）").set(Double(uploads.inUse))
        registry.makeGauge(name: "shenbao_uploads_waiting", help: "排队等待读取的大请求（上传）")
            .set(Double(uploads.waiting))
        registry.makeGauge(name: "shenbao_drafts_kept", help: "本实例保留的草稿（下次保存无需先读取）")
            .set(Double(req.application.drafts.count))
        let start = ContinuousClock.now
        _ = try await CallModel.query(on: req.db).count()
        let round = ContinuousClock.now - start
        registry.makeGauge(name: "shenbao_database_round_trip_seconds", help: "一次数据库往返所用时间")
            .set(round.seconds)
        var text = ShenbaoMetrics.registry.emitToBuffer()
        registry.emit(into: &text)
        let response = Response(status: .ok, body: .init(data: Data(text)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return response
    }
}

/// Every response carries the id its log lines carry (`request-id`), so a clerk's report of a
/// failure can be found in the logs; a proxy's own id is kept when it sends one.
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let incoming = request.headers.first(name: "X-Request-Id"), incoming.count <= 64,
            incoming.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        {
            request.logger[metadataKey: "request-id"] = .string(incoming)
        }
        let id = request.logger[metadataKey: "request-id"].map { "\($0)" } ?? request.id
        let started = ContinuousClock.now
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        let elapsed = ContinuousClock.now - started
        request.logger.info(
            "request finished",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.url.path),
                "status": .stringConvertible(response.status.code),
                "ms": .stringConvertible(Int(elapsed.seconds * 1000)),
            ])
        return response
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
