import Foundation
import Vapor

/// Every irreversible step asks first. A page form says so with a hidden `_confirm` holding the
/// question (what will happen and who will be told); when the answer depends on a choice, the
/// hidden `_confirm_by` names the field and `_confirm_<value>` holds each question. With
/// JavaScript, app.js asks in a dialog and adds `_confirmed=1`; without it, this middleware
/// answers the post with a page that asks the same question and sends the same form again.
/// It runs after the CSRF check, so the question shown is always one of our own pages' texts.
struct ConfirmationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, request.headers.contentType == .urlEncodedForm,
            !request.url.path.hasPrefix("/api/")
        else { return try await next.respond(to: request) }
        let body: ByteBuffer? =
            if let data = request.body.data { data } else {
                try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
        let pairs = FormPairs.parse(body.map { String(buffer: $0) } ?? "")
        guard let question = Self.question(pairs), !pairs.contains(where: { $0 == ("_confirmed", "1") }) else {
            return try await next.respond(to: request)
        }
        let page = Page(
            // The query stays: a desk's form names its call there (CallChoice).
            question: question, action: request.url.path + (request.url.query.map { "?" + $0 } ?? ""),
            fields: pairs.filter { !$0.name.hasPrefix("_confirm") }.map { Field(name: $0.name, value: $0.value) },
            back: Self.back(request))
        return try await request.renderPage(.confirm, title: "请确认", page)
    }

    /// Where 取消 leads: the page the form was on, a path of this site only ("//host" is another site).
    static func back(_ request: Request) -> String {
        guard let path = request.headers.first(name: .referer).flatMap({ URL(string: $0)?.path }),
            path.hasPrefix("/"), !path.hasPrefix("//")
        else { return "/workspace" }
        return path
    }

    /// The question the form asks for the values sent, or nil when the step needs none.
    static func question(_ pairs: [(name: String, value: String)]) -> String? {
        func value(_ name: String) -> String? { pairs.last { $0.name == name }?.value }
        if let field = value("_confirm_by") {
            // A choice that is not made yet asks nothing: the step is refused by its own rules.
            guard let chosen = value(field), let question = value("_confirm_\(chosen)"), !question.isEmpty else {
                return nil
            }
            return question
        }
        return value("_confirm").flatMap { $0.isEmpty ? nil : $0 }
    }

    struct Field: Encodable {
        var name: String
        var value: String
    }

    struct Page: Encodable {
        var question: String
        var action: String
        var fields: [Field]
        var back: String
    }
}

/// An `application/x-www-form-urlencoded` body as its name–value pairs, in order and with
/// repeated names kept, so a form can be sent again exactly as it came.
enum FormPairs {
    static func parse(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = parts.first.flatMap(decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) ?? "" : "")
        }
    }
}
