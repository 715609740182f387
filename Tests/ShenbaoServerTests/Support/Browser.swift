import Foundation
import Vapor
import VaporTesting

/// A person's browser in tests: it keeps the session cookie between requests, reads the CSRF
/// token from the pages it is shown, and posts forms the way a page does.
final class Browser {
    let app: Application
    /// In memory by default; `.running` sends real HTTP over loopback, where a large body
    /// arrives in several reads, as it does from a real browser.
    let method: Application.Method
    var cookie: String?
    var csrf: String?

    init(_ app: Application, method: Application.Method = .inMemory) {
        self.app = app
        self.method = method
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form; `_csrf` is added from the last page unless `csrf: false`.
    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf withToken: Bool = true) async throws -> TestingHTTPResponse
    {
        var fields = form
        if withToken, let csrf { fields.append(("_csrf", csrf)) }
        let body = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in through the login page, as a person does.
    func logIn(_ username: String, _ password: String) async throws {
        try await get("/login")
        let response = try await post("/login", form: [("username", username), ("password", password)])
        guard response.status == .seeOther else {
            throw Abort(
                .internalServerError, reason: "login of \(username) failed: \(response.status) \(response.body.string)")
        }
        try await get("/workspace")
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws
        -> TestingHTTPResponse
    {
        var headers = headers
        if let cookie { headers.replaceOrAdd(name: .cookie, value: "shenbao_session=" + cookie) }
        var result: TestingHTTPResponse?
        try await app.testing(method: self.method).test(method, path, headers: headers, body: body) { response in
            result = response
        }
        guard let response = result else { throw Abort(.internalServerError, reason: "no response") }
        for value in response.headers[.setCookie] where value.hasPrefix("shenbao_session=") {
            let cookieValue = value.dropFirst("shenbao_session=".count).prefix { $0 != ";" }
            cookie = cookieValue.isEmpty ? nil : String(cookieValue)
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return String(rest.prefix { $0 != "\"" })
    }

    /// The hidden fields (but `_csrf`, which `post` adds) of the page's form posting to `action`,
    /// as the browser would send them.
    static func hiddenFields(in html: String, action: String) -> [(String, String)] {
        guard let start = html.range(of: "action=\"\(action)\"") else { return [] }
        let form = html[start.upperBound...]
        let body = form[..<(form.range(of: "</form>")?.lowerBound ?? form.endIndex)]
        let pattern = /<input type="hidden" name="([^"]+)" value="([^"]*)">/
        return body.matches(of: pattern).compactMap { match in
            let name = String(match.output.1)
            guard name != "_csrf" else { return nil }
            let value = String(match.output.2).replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            return (name, value)
        }
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension Application {
    /// Logs in through the API and returns the bearer token.
    func apiToken(_ username: String, _ password: String = TestUsers.password) async throws -> String {
        var token: String?
        try await testing().test(
            .POST, "/api/v1/auth/login",
            beforeRequest: { req in
                try req.content.encode(["username": username, "password": password], as: .json)
            }
        ) { response in
            struct Body: Decodable { var token: String }
            token = try? response.content.decode(Body.self).token
        }
        guard let token else { throw Abort(.internalServerError, reason: "API login of \(username) failed") }
        return token
    }

    /// Sends a JSON request, with a bearer token when given, and returns the response.
    @discardableResult
    func api(
        _ method: HTTPMethod, _ path: String, token: String? = nil, json: (any Encodable)? = nil, rawBody: String? = nil
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        } else if let rawBody {
            headers.contentType = .json
            body = ByteBuffer(string: rawBody)
        }
        var result: TestingHTTPResponse?
        try await testing().test(method, path, headers: headers, body: body) { result = $0 }
        guard let result else { throw Abort(.internalServerError, reason: "no response") }
        return result
    }
}

/// The docs/api.md error body, read back in tests.
struct ErrorResponse: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
    }
    struct FieldProblem: Decodable {
        var field: String
        var code: String
        var message: String
    }
    var error: Detail
    var errors: [FieldProblem]
}

extension TestingHTTPResponse {
    var problems: ErrorResponse? { try? content.decode(ErrorResponse.self) }
    var fields: Set<String> { Set(problems?.errors.map(\.field) ?? []) }
}
