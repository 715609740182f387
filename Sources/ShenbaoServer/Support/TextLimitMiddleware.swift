import Foundation
import ShenbaoCore
import Vapor

/// No text value of any request may exceed `limit` characters: a backstop above every field's
/// own rule (the longest, the guide's text, allows 50,000), so a pasted megabyte is refused by
/// name before any handler stores it, instead of landing in a draft that then is a megabyte.
/// Only bodies longer than the limit can hold such a value, so ordinary requests are not read
/// twice.
struct TextLimitMiddleware: AsyncMiddleware {
    static let limit = 100_000

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let length = request.headers.first(name: .contentLength).flatMap(Int.init)
        let type = request.headers.contentType
        guard type == .json || type == .urlEncodedForm, length.map({ $0 > Self.limit }) ?? true,
            [.POST, .PUT, .PATCH].contains(request.method)
        else { return try await next.respond(to: request) }
        let body: ByteBuffer? =
            if let data = request.body.data { data } else {
                try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
        guard let body, body.readableBytes > Self.limit else { return try await next.respond(to: request) }
        let bytes = Data(buffer: body)
        var problems: [Problem] = []
        func check(_ text: String, _ field: String) {
            if text.count > Self.limit {
                problems.append(
                    Problem(
                        field: field, code: .tooLong,
                        message: "字段 \(field) 过长：最多 \(Self.limit) 字，提交了 \(text.count) 字"))
            }
        }
        if type == .json {
            func walk(_ value: Any, _ path: String) {
                switch value {
                case let text as String: check(text, path)
                case let array as [Any]: for (index, item) in array.enumerated() { walk(item, "\(path)[\(index)]") }
                case let object as [String: Any]:
                    for (key, item) in object { walk(item, path.isEmpty ? key : "\(path).\(key)") }
                default: break
                }
            }
            // A body that is not JSON is the handler's to refuse (400), as before.
            if let value = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) {
                walk(value, "")
            }
        } else {
            for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                if parts.count == 2 { check(parts[1], parts[0]) }
            }
        }
        if !problems.isEmpty { throw AppError.validation(problems.sorted { $0.field < $1.field }) }
        return try await next.respond(to: request)
    }
}
