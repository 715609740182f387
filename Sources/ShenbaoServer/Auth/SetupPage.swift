import ShenbaoCore

/// `/setup/{token}`: the one-time form that creates the first system administrator, echoing what
/// was typed (never the password) with its problems.
struct SetupPage: Encodable {
    var token: String
    var form: UserService.Input
    var errors: [String: String]
    var problems: [Problem]
    var hint = PasswordPolicy.hint
}
