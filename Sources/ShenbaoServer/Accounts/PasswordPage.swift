import ShenbaoCore

/// `/account/password`: changing one's password (or setting one's own the first time), with the
/// policy's hint and the problems of a refused one.
struct PasswordPage: Encodable {
    var first: Bool
    var hint: String
    var errors: [String: String]
    var problems: [Problem]
}
