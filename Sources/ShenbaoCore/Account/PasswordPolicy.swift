import Foundation

/// The one password policy: every place a password is chosen (registration, an account made by an
/// administrator, a change, a reset link, an expert) judges it here.
public enum PasswordPolicy {
    static let length = 8...64
    /// bcrypt hashes only the first 72 bytes; a longer password would be silently truncated, so
    /// two passwords sharing those bytes would both log in.
    static let maximumBytes = 72

    /// What the pages print beside every new-password field.
    public static let hint = "至少8位，须含字母和数字；不能包含用户名，不能是常见密码（如 password1、abc123）"

    /// 8–64 characters and at most 72 UTF-8 bytes, with at least one letter and one digit, no
    /// control characters (bcrypt implementations stop at a NUL byte, which would cut the password),
    /// not containing the user name and not one of the 1,000 most common passwords.
    public static func problems(_ password: String?, field: String, username: String? = nil) -> [Problem] {
        let label = "密码"
        // Whitespace-only is still a password the user chose; only an empty one is missing.
        guard let password, !password.isEmpty else {
            return [TextRules.missing(field: field, label: label)]
        }
        var problems: [Problem] = []
        let count = password.count
        let bytes = password.utf8.count
        if count < length.lowerBound {
            problems.append(
                Problem(
                    field: field, code: .tooShort,
                    message: "\(label)至少\(length.lowerBound)个字符，当前为\(count)个"))
        } else if count > length.upperBound {
            problems.append(
                Problem(
                    field: field, code: .tooLong,
                    message: "\(label)不能超过\(length.upperBound)个字符，当前为\(count)个"))
        } else if bytes > maximumBytes {
            // Only reported within the character limit: over 64 characters, "too long" says it.
            problems.append(
                Problem(
                    field: field, code: .tooManyBytes,
                    message:
                        "\(label)过长：不能超过\(maximumBytes)字节，当前为\(bytes)字节（一个汉字占3字节），请缩短或少用汉字"))
        }
        if !password.contains(where: \.isLetter) {
            problems.append(
                Problem(field: field, code: .needsLetter, message: "\(label)须至少包含一个字母"))
        }
        if !password.contains(where: \.isWholeNumber) {
            problems.append(
                Problem(field: field, code: .needsDigit, message: "\(label)须至少包含一个数字"))
        }
        let hasControl = password.unicodeScalars.contains {
            $0.properties.generalCategory == .control
        }
        if hasControl {
            problems.append(
                Problem(
                    field: field, code: .invalidCharacter,
                    message: "\(label)不能包含换行、制表符等控制字符"))
        }
        // Judged only within the length: a pasted book is refused as too long, not searched.
        guard count <= length.upperBound else { return problems }
        if let username, username.count >= AccountRules.usernameLength.lowerBound,
            password.lowercased().contains(username.lowercased())
        {
            problems.append(Problem(field: field, code: .containsUsername, message: "\(label)不能包含用户名"))
        }
        if isCommon(password) {
            problems.append(
                Problem(
                    field: field, code: .common,
                    message: "\(label)是最常见的1000个密码之一，很容易被猜中，请换一个"))
        }
        return problems
    }

    /// The list ships with Core (`Resources/common-passwords.txt`); compared ignoring case, so
    /// `Password1` is as refused as `password1`.
    public static func isCommon(_ password: String) -> Bool {
        commonPasswords.contains(password.lowercased())
    }

    /// Read once. A missing file would quietly accept every password, so a test counts the list.
    static let commonPasswords: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(
            text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.map { $0.lowercased() })
    }()
}
