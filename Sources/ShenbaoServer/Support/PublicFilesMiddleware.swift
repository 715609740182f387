import Vapor

/// Serves the files in `Public/` (the style sheets and scripts), and looks for no others.
///
/// Vapor's FileMiddleware looks for a file under `Public/` on every request, on a thread of its
/// pool and back: every save, every page and every API call paid a `stat` and two thread
/// hand-overs, some 6 % of the hello-world route's CPU in a profile. Only a GET or HEAD whose
/// first path segment names one of `Public/`'s entries (read at start) is handed to it now;
/// a folder or file added to `Public/` is served after a restart.
struct PublicFilesMiddleware: AsyncMiddleware {
    private let files: FileMiddleware
    private let entries: Set<Substring>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        entries = Set(names.map { Substring($0) })
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The first path segment, without building the list of all of them on every request.
        guard request.method == .GET || request.method == .HEAD,
            entries.contains(request.url.path.drop { $0 == "/" }.prefix { $0 != "/" })
        else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
