/// `/login`: the sign-in form, echoing the user name with the refusal's message or the fields' errors.
struct LoginPage: Encodable {
    var username: String
    var next: String
    var message: String?
    var errors: [String: String]
    var passwordSet: Bool = false
}
