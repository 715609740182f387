import ShenbaoCore
import Vapor

/// The error shape of api.md: `{"error": {code, message}, "errors": [{field, code, message}]}`.
struct ErrorBody: Content {
    struct Summary: Content {
        var code: String
        var message: String
    }
    var error: Summary
    var errors: [Problem]
}
