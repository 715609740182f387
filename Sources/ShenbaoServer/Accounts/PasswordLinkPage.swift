import Foundation
import ShenbaoCore

/// `/password/{token}`: setting a new password through a one-time link, naming the account and
/// when the link expires.
struct PasswordLinkPage: Encodable {
    var token: String
    var username: String
    var expires: String
    var hint: String
    var errors: [String: String]
    var problems: [Problem]

    /// The page of the link `token` (refused when unknown, used or expired), with a refused password's `problems`.
    static func load(token: String, problems: [Problem] = [], using service: PasswordService) async throws
        -> PasswordLinkPage
    {
        let (link, user) = try await service.user(forLink: token)
        return PasswordLinkPage(
            token: token, username: user.username, expires: ChineseFormat.dateTime(link.expiresAt),
            hint: PasswordPolicy.hint, errors: FieldErrors.make(problems), problems: problems)
    }
}
