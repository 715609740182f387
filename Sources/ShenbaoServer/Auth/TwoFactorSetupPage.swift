import ShenbaoCore

/// `/account/two-factor`: setting up two-factor sign-in — the key to scan (while not yet enabled),
/// and the recovery codes once, right after it is confirmed.
struct TwoFactorSetupPage: Encodable {
    var enabled: Bool
    var required: Bool
    var key: String?
    var uri: String?
    var recoveryCodes: [String]?
    var problems: [Problem]

    /// The page of `user`; `pendingKey` is the Base32 key waiting in the session to be confirmed,
    /// shown in groups of four and as the authenticator's URI.
    static func make(
        for user: UserModel, pendingKey key: String?, required: Bool, recoveryCodes: [String]?, problems: [Problem]
    ) -> TwoFactorSetupPage {
        var page = TwoFactorSetupPage(
            enabled: user.totpSecret != nil, required: required, recoveryCodes: recoveryCodes, problems: problems)
        if let key {
            page.key = stride(from: 0, to: key.count, by: 4).map { offset in
                let start = key.index(key.startIndex, offsetBy: offset)
                return String(key[start..<(key.index(start, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
            }.joined(separator: " ")
            page.uri = Base32.decode(key).map { TOTP.provisioningURI(secret: $0, account: user.username) }
        }
        return page
    }
}
