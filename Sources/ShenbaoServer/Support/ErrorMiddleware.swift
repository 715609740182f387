import FluentKit
import NIOPosix
import PostgresNIO
import ShenbaoCore
import Vapor

/// The one place a failure becomes a response. API paths get the docs/api.md JSON shape; pages get a
/// Chinese page inside the layout (or the login page when a session is missing). Internal error
/// text never reaches a user, and no input the user controls should end here as a 5xx.
struct ShenbaoErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let appError = Self.appError(for: error, request: request)
            // A cancelled request's client has gone (see `cancellingWhenClientLeaves`): nothing failed.
            if appError.status.code >= 500, !(error is CancellationError) {
                request.logger.report(error: error)
            }
            if request.isAPI {
                return Self.json(appError, request: request)
            }
            // No session: the login page, then back. A bad bearer token is not cured by the login
            // page (the client sends the same header there too, and was redirected in a loop): it
            // gets the error page itself.
            if appError.status == .unauthorized, request.headers.bearerAuthorization == nil {
                let next = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
                return request.redirect(
                    to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            do {
                let page = try await request.renderPage(
                    .error, title: "出错了",
                    ErrorPage(
                        status: Int(appError.status.code),
                        // A page has no fields to mark here: say each problem in the message.
                        message: ([appError.message] + appError.problems.map(\.message)).joined(separator: "；")),
                    status: appError.status)
                for (name, value) in appError.headers { page.headers.replaceOrAdd(name: name, value: value) }
                return page
            } catch {
                request.logger.report(error: error)
                return Self.json(appError, request: request)
            }
        }
    }

    struct ErrorPage: Encodable {
        var status: Int
        var message: String
    }

    static func json(_ error: AppError, request: Request) -> Response {
        let body = ErrorBody(error: .init(code: error.code, message: error.message), errors: error.problems)
        let response = Response(status: error.status, headers: error.headers)
        // Encoding a value of ours cannot fail; fall back to an empty body rather than crash.
        try? response.content.encode(body, as: .json)
        return response
    }

    static func appError(for error: any Error, request: Request) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case is CancellationError:
            return AppError(status: .serviceUnavailable, code: .cancelled, message: "请求已取消，请重试")
        case let error as DecodingError:
            return decodingError(error)
        case let error as any DatabaseError where error.isConstraintFailure:
            return .conflict("数据与已有记录冲突（例如重复提交），请刷新后核对")
        case let error as any AbortError:
            return AppError(status: error.status, code: code(for: error.status), message: message(for: error.status))
        // Every database connection (or a gate: SQLite's writers, uploads) stayed busy past its wait: the system is overloaded, not
        // broken, and the user should try again (matched by name: AsyncKit is not ours to import).
        case _ where isDatabaseOutage(error):
            return AppError(
                status: .serviceUnavailable, code: .databaseUnavailable,
                message: "数据库暂时无法连接，请稍后再试；已保存的内容不会丢失")
        case _ where error is GateTimeout || String(describing: type(of: error)) == "ConnectionPoolTimeoutError":
            return AppError(status: .serviceUnavailable, code: .busy, message: "系统繁忙，请稍后再试；已填写的内容不会丢失")
        default:
            return AppError(status: .internalServerError, code: .internal, message: "服务器内部错误，请稍后再试；如果问题持续，请联系省科协")
        }
    }

    /// PostgreSQL restarting or unreachable: a passing outage (503), not a fault of the request.
    static func isDatabaseOutage(_ error: any Error) -> Bool {
        if error is DatabaseUnavailable || error is NIOConnectionError { return true }
        guard let error = error as? PSQLError else { return false }
        // postgres-nio reports PostgreSQL's FATAL 57P01 ("terminating connection due to
        // administrator command", a restart) arriving in the middle of a query as an unexpected
        // message, without its SQLSTATE, and closes the connection: it was a 500 in crash.py.
        let outage: [PSQLError.Code] = [
            .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed,
            .unexpectedBackendMessage,
        ]
        // SQLSTATE classes 57 (the server shutting down, starting up, or ending the session)
        // and 08 (connection exceptions).
        let state = error.serverInfo?[.sqlState] ?? ""
        return outage.contains(error.code) || state.hasPrefix("57P") || state.hasPrefix("08")
    }

    /// A body that is not JSON at all is a 400; a field of the wrong type is a 422 naming the field.
    static func decodingError(_ error: DecodingError) -> AppError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce(into: "") { result, key in
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += result.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            guard !field.isEmpty else { return .badRequest("请求内容的格式不正确", code: .malformedBody) }
            return .validation([Problem(field: field, code: .invalidType, message: "字段 \(field) 的类型不正确")])
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .validation([Problem(field: field, code: .required, message: "缺少字段 \(field)")])
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            guard !field.isEmpty else {
                return .badRequest("请求内容不是有效的 JSON 或表单数据", code: .malformedBody)
            }
            return .validation([Problem(field: field, code: .invalidValue, message: "字段 \(field) 的值无法识别")])
        @unknown default:
            return .badRequest("请求内容的格式不正确", code: .malformedBody)
        }
    }

    static func code(for status: HTTPResponseStatus) -> ErrorCode {
        switch status {
        case .notFound: .notFound
        case .unauthorized: .unauthenticated
        case .forbidden: .forbidden
        case .methodNotAllowed: .methodNotAllowed
        case .payloadTooLarge: .payloadTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .tooManyRequests: .tooManyRequests
        default: status.code >= 500 ? .internal : .badRequest
        }
    }

    static func message(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "未找到您要访问的页面或资源"
        case .unauthorized: "请先登录"
        case .forbidden: "您的账号没有权限执行此操作"
        case .methodNotAllowed: "不支持这种请求方式"
        case .payloadTooLarge: "提交的内容过大：单个附件不能超过规定大小（默认 20 MB），请压缩或拆分后再上传"
        case .unsupportedMediaType: "不支持的内容类型，请以 JSON 或表单提交"
        case .tooManyRequests: "请求过于频繁，请稍后再试"
        default: status.code >= 500 ? "服务器内部错误，请稍后再试" : "请求的格式不正确"
        }
    }
}

extension Request {
    /// API requests answer JSON; everything else is a page for a person.
    var isAPI: Bool {
        let path = url.path
        return path.hasPrefix("/api/") || path == "/healthz" || path == "/livez" || path.hasPrefix("/openapi")
    }
}
