import Foundation
import ShenbaoCore

/// `/account` (账号与安全): one's own account — the login before this one, the last password
/// change, the signed-in sessions to end.
struct AccountPage: Encodable {
    var account: AccountController.AccountDTO
    var previousLogin: String?
    var passwordChanged: String?
    var ended: Bool
    var staff: Bool

    /// The page of `account` (read by `AccountController.account`); `ended` after a session was ended.
    static func make(_ account: AccountController.AccountDTO, ended: Bool) -> AccountPage {
        AccountPage(
            account: account,
            previousLogin: UserModel.loginText(at: account.previousLoginAt, from: account.previousLoginAddress),
            passwordChanged: account.passwordChangedAt.map(ChineseFormat.dateTime), ended: ended,
            staff: TwoFactorService.appliesTo(account.role))
    }
}
