import ShenbaoCore
import Vapor

/// The error shape of docs/api.md: `{"error": {code, message}, "errors": [{field, code, message}]}`.
struct ErrorBody: Content {
    struct Summary: Content {
        var code: String
        var message: String
    }
    var error: Summary
    var errors: [Problem]
}
