import NIOConcurrencyHelpers
import Vapor

/// The requests being answered, so that shutdown can wait for the last of them.
///
/// Vapor's shutdown waits for open connections only. A request whose client had hung up (a
/// browser closed, a load tester stopped) went on running after the databases were closed, and
/// the server crashed on SIGTERM (Tests/system/shutdown.py).
final class RequestsInFlight: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    fileprivate func enter() { count.withLockedValue { $0 += 1 } }
    fileprivate func leave() { count.withLockedValue { $0 -= 1 } }

    /// Waits until no request is being answered, at most `limit`; false when some still are.
    /// None must be seen for 100 ms in a row: a request read just before its connection closed is
    /// counted only once its task starts, which a single look can come too early for.
    func drained(within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var quietSince = clock.now
        while clock.now < deadline {
            if current > 0 {
                quietSince = clock.now
            } else if clock.now - quietSince >= .milliseconds(100) {
                return true
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return current == 0
    }
}

/// Counts every request from its arrival to its answer; the outermost middleware.
struct RequestsInFlightMiddleware: AsyncMiddleware {
    let requests: RequestsInFlight

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        requests.enter()
        defer { requests.leave() }
        return try await next.respond(to: request)
    }
}
