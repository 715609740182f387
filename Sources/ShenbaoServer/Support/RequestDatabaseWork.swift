import NIOConcurrencyHelpers
import Vapor

/// One request's PostgreSQL work, as the watched database sees it: once a statement or
/// transaction of the request has been given up (its deadline passed, or the database went
/// away), the request's further database work fails at once with `DatabaseUnavailable`, so a
/// request is answered 503 within one deadline however many statements it still had to run.
final class RequestDatabaseWork: Sendable {
    @TaskLocal static var current: RequestDatabaseWork?

    private let state = NIOLockedValueBox(false)

    var givenUp: Bool { state.withLockedValue { $0 } }
    func giveUp() { state.withLockedValue { $0 = true } }
}

/// Gives each request its `RequestDatabaseWork`. Work a request hands to a detached task
/// (a background export) runs without one, under its own deadlines.
struct RequestDatabaseWorkMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await RequestDatabaseWork.$current.withValue(RequestDatabaseWork()) {
            try await next.respond(to: request)
        }
    }
}
