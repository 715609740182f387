import Testing

@testable import ShenbaoCore

private let validAccount = AccountForm(
    username: "hnkx_li.jw", password: "Shenbao2025", contactName: "李嘉玮", phone: "0731-84884381",
    email: "hnkxgjb@126.com")

private func codes(_ problems: [Problem]) -> [String] { problems.map(\.code) }

@Suite("用户账号")
struct AccountRulesTests {
    @Test func validAccountHasNoProblem() {
        #expect(AccountRules.problems(in: validAccount) == [])
    }

    @Test func emptyFormHasAProblemOnEveryFieldAtOnce() {
        let found = AccountRules.problems(in: AccountForm())
        #expect(
            found.map(\.field) == ["user.username", "user.password", "user.contactName", "user.phone", "user.email"])
        #expect(found.allSatisfy { $0.code == "required" })
        let labels = ["用户名", "密码", "联系人姓名", "联系人电话", "电子邮箱"]
        for (problem, label) in zip(found, labels) {
            #expect(problem.message.contains(label))
        }
    }

    @Test(
        "usernames",
        arguments: [
            ("abc", []),  // 3, the shortest
            ("ab", ["tooShort"]),
            (String(repeating: "a", count: 32), []),
            (String(repeating: "a", count: 33), ["tooLong"]),
            ("li.jw-2025_hn@126.com", []),
            ("Li_JW", []),
            ("li jw", ["invalidCharacter"]),
            ("李嘉玮", ["invalidCharacter"]),
            ("李", ["tooShort", "invalidCharacter"]),
            ("ｌｉｊｗ", ["invalidCharacter"]),  // full-width letters look the same and are not
            ("", ["required"]),
        ] as [(String, [String])])
    func username(value: String, expected: [String]) {
        #expect(codes(AccountRules.usernameProblems(value, field: "user.username")) == expected)
    }

    @Test func usernameIsTrimmedInTheForm() {
        var form = validAccount
        form.username = "  hnkx  "
        #expect(AccountRules.problems(in: form) == [])
        #expect(form.normalized().username == "hnkx")
    }

    @Test(
        "passwords",
        arguments: [
            ("abcdefg1", []),  // 8, the shortest
            ("abcdef1", ["tooShort"]),
            (String(repeating: "a", count: 63) + "1", []),  // 64, the longest
            (String(repeating: "a", count: 64) + "1", ["tooLong"]),
            (String(repeating: "湘", count: 23) + "1ab", []),  // 72 UTF-8 bytes
            (String(repeating: "湘", count: 24) + "1", ["tooManyBytes"]),  // 73 bytes in 25 characters
            ("12345678", ["needsLetter", "common"]),
            ("12345679", ["needsLetter"]),
            ("password1", ["common"]),  // one of the 1,000 most common
            ("PassWord1", ["common"]),  // ignoring case
            ("abc123", ["tooShort", "common"]),
            ("password1x", []),
            ("abcdefgh", ["needsDigit"]),
            ("        ", ["needsLetter", "needsDigit"]),
            ("abc\u{0}defg1", ["invalidCharacter"]),  // bcrypt would stop at the NUL
            ("abcdefg1\n", ["invalidCharacter"]),
            ("  pass word 1  ", []),  // spaces are kept, not trimmed
        ] as [(String, [String])])
    func password(value: String, expected: [String]) {
        #expect(codes(PasswordPolicy.problems(value, field: "user.password")) == expected)
    }

    @Test(
        "a password may not contain the user name",
        arguments: [
            ("zhangsan", "zhangsan2025", ["containsUsername"]),
            ("zhangsan", "2025ZhangSan", ["containsUsername"]),  // ignoring case
            ("zhangsan", "lisi2025x", []),
            ("li", "li2025xyz", []),  // a name shorter than any allowed one is not looked for
        ] as [(String, String, [String])])
    func passwordWithUsername(username: String, password: String, expected: [String]) {
        #expect(codes(PasswordPolicy.problems(password, field: "p", username: username)) == expected)
        let form = AccountForm(
            username: username, password: password, contactName: "李四", phone: "13800000000", email: "a@b.cn")
        #expect(codes(AccountRules.problems(in: form).filter { $0.field == "user.password" }) == expected)
    }

    @Test func theCommonListIsShippedWhole() {
        #expect(PasswordPolicy.commonPasswords.count == 1000)
        #expect(PasswordPolicy.isCommon("qwerty123") || PasswordPolicy.isCommon("123456"))
    }

    @Test func passwordIsNeverTrimmed() {
        let form = AccountForm(password: "  abcdefg1  ")
        #expect(form.normalized().password == "  abcdefg1  ")
    }

    @Test func missingPasswordIsRequired() {
        #expect(codes(PasswordPolicy.problems(nil, field: "p")) == ["required"])
        #expect(codes(PasswordPolicy.problems("", field: "p")) == ["required"])
    }

    @Test func tooManyBytesExplainsTheLimit() {
        let found = PasswordPolicy.problems(
            String(repeating: "湘", count: 24) + "1", field: "user.password")
        #expect(found.first?.message.contains("72字节") == true)
        #expect(found.first?.message.contains("当前为73字节") == true)
    }

    @Test(
        "contact names",
        arguments: [
            (String(repeating: "李", count: 50), []),
            (String(repeating: "李", count: 51), ["tooLong"]),
            ("  ", ["required"]),
        ] as [(String, [String])])
    func contactName(value: String, expected: [String]) {
        var form = validAccount
        form.contactName = value
        let found = AccountRules.problems(in: form)
        #expect(codes(found) == expected)
        #expect(found.allSatisfy { $0.field == "user.contactName" })
    }

    @Test(
        "phones",
        arguments: [
            ("13800138000", []),
            ("0731-8488438", ["invalidPhone"]),
            ("", ["required"]),
        ] as [(String, [String])])
    func phone(value: String, expected: [String]) {
        var form = validAccount
        form.phone = value
        #expect(codes(AccountRules.problems(in: form)) == expected)
    }

    @Test(
        "e-mail addresses",
        arguments: [
            ("hnkxgjb@126.com", []),
            ("a@b.cn", []),
            ("li.jw+shenbao@mail.hnkx.org.cn", []),
            ("ｈｎｋｘｇｊｂ＠１２６．ｃｏｍ", []),  // typed in full-width mode
            (String(repeating: "a", count: 92) + "@126.com", []),  // 100 characters
            (String(repeating: "a", count: 93) + "@126.com", ["tooLong"]),
            ("hnkxgjb126.com", ["invalidEmail"]),
            ("hnkxgjb@126", ["invalidEmail"]),
            ("hnkxgjb@126.c", ["invalidEmail"]),
            ("hnkxgjb@@126.com", ["invalidEmail"]),
            ("hnkx gjb@126.com", ["invalidEmail"]),
            ("hnkxgjb@126..com", ["invalidEmail"]),
            ("hnkxgjb@126.com。", ["invalidEmail"]),
            ("李嘉玮@126.com", ["invalidEmail"]),
            ("@126.com", ["invalidEmail"]),
            ("  ", ["required"]),
        ] as [(String, [String])])
    func email(value: String, expected: [String]) {
        var form = validAccount
        form.email = value
        let found = AccountRules.problems(in: form)
        #expect(codes(found) == expected)
        #expect(found.allSatisfy { $0.field == "user.email" })
    }

    @Test func hugeInputIsRefusedNotIgnored() {
        let huge = String(repeating: "a", count: 1_000_000)
        let found = AccountRules.problems(
            in: AccountForm(username: huge, password: huge, contactName: huge, phone: huge, email: huge))
        #expect(
            found.map(\.field) == [
                "user.username", "user.password", "user.password", "user.contactName", "user.phone",
                "user.email", "user.email",
            ])
    }
}
