/// `/password/forgot` (找回密码): the form asking for a user name or e-mail, and the answer once sent.
struct ForgotPage: Encodable {
    var identifier: String
    var sent: String?
    var errors: [String: String]
}
