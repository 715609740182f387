import Vapor

/// Reads at most a few large request bodies (uploads) at once.
///
/// On the deadline day, two thousand applicants uploading 2 MiB each had every body held in
/// memory at once while they waited for the database, several copies each: the server grew to
/// 3.7 GB. A request with a large body now goes on only when one of the gate's slots is free;
/// until then its connection is not read, and the client's bytes wait in the network buffers.
/// Anonymous requests take no slot: their routes refuse them before reading the body.
struct LargeBodyGate: AsyncMiddleware {
    static let threshold = 256 * 1024
    let gate: Gate
    let trim: MemoryTrim

    /// Eight per core: on SQLite an upload's bytes go to a file beside the one write lane
    /// (AttachmentStore), so several can be written at once, and with fewer slots the cores sat
    /// idle on the deadline day while hundreds of bodies waited; each slot holds some 8 MB at
    /// most (a 2 MiB body and its copies). A deadline day on two cores has kept uploads waiting
    /// about two minutes (bench/RESULTS.md); an applicant told "busy" then sends the whole file
    /// again, so the line is given four minutes, still inside nginx's five (`proxy_read_timeout
    /// 300s` in docs/deploy.md), so that the answer is ours, in Chinese, and not a proxy's 504.
    static func makeGate(slots: Int = max(8, 8 * System.coreCount)) -> Gate {
        Gate(slots: slots, patience: .seconds(240))
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let length = request.headers.first(name: .contentLength).flatMap(Int.init)
        let chunked = request.headers.contains(name: .transferEncoding)
        guard request.body.data == nil, request.currentUser != nil, chunked || (length ?? 0) > Self.threshold else {
            return try await next.respond(to: request)
        }
        // The body is read inside the slot, by whoever reads it first (the route, or the CSRF
        // check of a page), each with its own limit.
        defer { Task { await trim.bodyDone() } }
        return try await gate.run { try await next.respond(to: request) }
    }
}
