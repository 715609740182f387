/// The rules of a user account: a login name, a password bcrypt can hash whole, and a contact.
public enum AccountRules {
    static let usernameLength = 3...32

    /// Every problem of the form, each on its field path under `prefix`. The form is normalised
    /// first (the password excepted), so the rules judge what `AccountForm.normalized()` stores.
    public static func problems(in form: AccountForm, prefix: String = "user") -> [Problem] {
        let form = form.normalized()
        // An empty prefix (the users API, whose body is the account itself) gives bare field names.
        let prefix = prefix.isEmpty ? "" : prefix + "."
        var problems: [Problem] = []
        problems += usernameProblems(form.username, field: "\(prefix)username")
        problems += PasswordPolicy.problems(form.password, field: "\(prefix)password", username: form.username)
        problems += TextRules.requiredText(
            form.contactName, maximumLength: 50, field: "\(prefix)contactName", label: "联系人姓名")
        problems += PhoneNumber.problems(form.phone, field: "\(prefix)phone", label: "联系人电话")
        problems += emailProblems(form.email, field: "\(prefix)email")
        return problems
    }

    /// 3–32 characters of ASCII letters, digits and `_ . - @` (so an e-mail address works as a
    /// username). Other letters are refused so two names that look alike can't be two accounts.
    public static func usernameProblems(_ username: String?, field: String) -> [Problem] {
        let label = "用户名"
        guard let username, !username.isEmpty else {
            return [TextRules.missing(field: field, label: label)]
        }
        var problems: [Problem] = []
        let count = username.count
        if count < usernameLength.lowerBound {
            problems.append(
                Problem(
                    field: field, code: .tooShort,
                    message: "\(label)至少\(usernameLength.lowerBound)个字符，当前为\(count)个"))
        } else if count > usernameLength.upperBound {
            problems.append(
                Problem(
                    field: field, code: .tooLong,
                    message: "\(label)不能超过\(usernameLength.upperBound)个字符，当前为\(count)个"))
        }
        var invalid: [Character] = []
        for character in username
        where !isUsernameCharacter(character) && !invalid.contains(character) {
            invalid.append(character)
            // Ten are enough to show what is wrong; a pasted page must not become the message.
            if invalid.count == 10 { break }
        }
        if !invalid.isEmpty {
            let shown = invalid.map(TextNormalization.visible).joined(separator: "、")
            problems.append(
                Problem(
                    field: field, code: .invalidCharacter,
                    message: "\(label)含有不允许的字符：\(shown)。只能使用英文字母、数字和 _ . - @"))
        }
        return problems
    }

    private static func isUsernameCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "_.-@".utf8.contains(ascii)
        }
    }

    /// Required, at most 100 characters, and shaped `local@domain.tld` with ASCII parts: enough to
    /// catch typos (a missing @ or dot, a Chinese comma) without claiming to check deliverability.
    static func emailProblems(_ email: String?, field: String) -> [Problem] {
        let label = "电子邮箱"
        if TextRules.isMissing(email) { return [TextRules.missing(field: field, label: label)] }
        guard let email else { return [] }
        var problems = TextRules.maximumLength(email, 100, field: field, label: label)
        if !isEmail(email) {
            problems.append(
                Problem(
                    field: field, code: .invalidEmail,
                    message: "\(label)格式不正确，应形如 name@example.com"))
        }
        return problems
    }

    static func isEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty
        else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
        guard local.allSatisfy({ localAllowed.contains($0) }), !local.hasPrefix("."),
            !local.hasSuffix("."), !local.contains("..")
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2,
            tld.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { labelAllowed.contains($0) }
        }
    }
}
