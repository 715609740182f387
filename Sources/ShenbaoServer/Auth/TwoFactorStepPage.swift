/// `/login/two-factor`: the second step of signing in, asking for the authenticator's code.
struct TwoFactorStepPage: Encodable {
    var message: String?
    /// No right password waits (never given, or more than five minutes ago).
    var expired = false
}
