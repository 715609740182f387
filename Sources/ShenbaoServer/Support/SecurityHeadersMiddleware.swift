import ShenbaoCore
import Vapor

/// Pages load nothing from outside the server and cannot be framed (quality.md).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            (
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            ),
            ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
        ]
        // The last guard against header injection: whatever a route set, no header leaves with a
        // line break in it (a redirect goes home instead; any other such header is dropped).
        for (name, value) in response.headers where !LocalPath.isSafeHeaderValue(value) {
            if name.lowercased() == "location" {
                response.headers.replaceOrAdd(name: .location, value: "/")
            } else {
                response.headers.remove(name: name)
            }
        }
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        // Personal pages and API answers must not sit in a shared cache; static files may.
        if !(request.url.path.hasPrefix("/css/") || request.url.path.hasPrefix("/js/")) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
