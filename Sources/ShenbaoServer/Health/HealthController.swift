import Fluent
import SQLKit
import Vapor

/// `GET /healthz`: 200 when the database answers, for load balancers and operators.
/// `GET /livez`: 200 while the process answers at all, without asking the database — what a
/// supervisor should restart on (restarting instances does not bring a database back), and the
/// hello-world route the benchmarks measure the framework's ceiling with.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: check)
        routes.get("livez", use: alive)
    }

    func alive(req: Request) -> Status {
        Status(status: "ok")
    }

    struct Status: Content {
        var status: String
    }

    func check(req: Request) async throws -> Response {
        do {
            _ = try await CallModel.query(on: req.db).count()
            return try await Status(status: "ok").encodeResponse(for: req)
        } catch {
            req.logger.error("health check: database unavailable: \(String(reflecting: error))")
            return try await Status(status: "databaseUnavailable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
