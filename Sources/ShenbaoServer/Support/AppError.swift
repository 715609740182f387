import ShenbaoCore
import Vapor

/// A refusal the user can act on: an HTTP status, a stable code, a Chinese sentence, and for
/// validation every field problem at once. The error middleware turns it into the docs/api.md shape
/// or into the page the user was on.
struct AppError: Error, AbortError {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var problems: [Problem] = []
    /// Sent with the answer, e.g. `Retry-After` on a 503 that knows when to come back.
    var headers: HTTPHeaders = [:]

    var reason: String { message }

    /// What a page lists: every field problem, or the refusal itself as one line.
    var pageProblems: [Problem] {
        problems.isEmpty ? [Problem(field: "page", code: code, message: message)] : problems
    }

    static func validation(_ problems: [Problem]) -> AppError {
        AppError(
            status: .unprocessableEntity, code: .validationFailed,
            message: "提交的内容有 \(problems.count) 处需要修改", problems: problems)
    }

    static func notFound(_ what: String) -> AppError {
        AppError(status: .notFound, code: .notFound, message: "未找到\(what)")
    }

    static let unauthenticated = AppError(status: .unauthorized, code: .unauthenticated, message: "请先登录")
    static let forbidden = AppError(status: .forbidden, code: .forbidden, message: "您的账号没有权限执行此操作")

    static func badRequest(_ message: String, code: ErrorCode = .badRequest) -> AppError {
        AppError(status: .badRequest, code: code, message: message)
    }

    static func conflict(_ message: String, code: ErrorCode = .conflict) -> AppError {
        AppError(status: .conflict, code: code, message: message)
    }

    /// A code passed on from a rule that answers it as text (a `WorkflowRefusal`, a `Problem`).
    static func badRequest(_ message: String, code: String) -> AppError {
        AppError(status: .badRequest, code: code, message: message)
    }

    static func conflict(_ message: String, code: String) -> AppError {
        AppError(status: .conflict, code: code, message: message)
    }
}

extension AppError {
    /// The typed way to say the code (`code: .versionConflict`); the stored value, the wire's,
    /// is its raw value.
    init(
        status: HTTPResponseStatus, code: ErrorCode, message: String, problems: [Problem] = [],
        headers: HTTPHeaders = [:]
    ) {
        self.init(status: status, code: code.rawValue, message: message, problems: problems, headers: headers)
    }
}

/// A broken promise of the server's own data or code (a saved row without its id, a part outside
/// the body it was cut from): it is logged and answered as the generic 500, its text never shown.
/// Thrown where a force unwrap would have stopped the whole server instead.
struct InternalInvariant: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
