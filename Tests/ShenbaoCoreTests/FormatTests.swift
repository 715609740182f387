import Testing

@testable import ShenbaoCore

@Suite("联系电话")
struct PhoneNumberTests {
    @Test(
        "accepted phone numbers",
        arguments: [
            "0731-84884381",  // the guide's own number: 0731 has 8 digits
            "073184884381",
            "0731 84884381",
            "0731-8488 4381",
            "0730-8123456",  // 岳阳: 7 digits
            "0743-8234567",
            "0746 6234567",
            "010-62345678",
            "021-52345678",
            "0755-86013388",  // outside Hunan, 8 digits
            "0591-8765432",  // outside Hunan, 7 digits
            "0731-84884381-1234",
            "073184884381-8",
            "0731-84884381转1234",
            "0731-84884381 转 123456",
            "13800138000",
            "19912345678",
            "138 0013 8000",
            "138-0013-8000",
            "+86 138 0013 8000",
            "8613800138000",
            "  13800138000  ",
            "０７３１－８４８８４３８１",
        ])
    func accepted(raw: String) {
        #expect(PhoneNumber.problems(raw, field: "phone", label: "联系电话").isEmpty)
    }

    @Test(
        "refused phone numbers",
        arguments: [
            "0731-8488438",  // 0731 needs 8 digits
            "0730-81234567",  // 0730 has 7
            "0744-82345678",
            "010-6234567",  // 010 needs 8
            "0755-123456",
            "0755-123456789",
            "84884381",  // no area code
            "0731-04884381",  // a local number never starts with 0
            "0731-14884381",
            "138001380001",  // 12 digits
            "1380013800",  // 10 digits
            "12800138000",  // 12x is no mobile prefix
            "+1 138 0013 8000",
            "0731-84884381-",
            "0731-84884381转",
            "0731-84884381转1234567",  // extension of 7 digits
            "0731-84884381-12-34",
            "0731-84884381转12转34",
            "0731-8488438a",
            "电话0731-84884381",
            "13800138000/13900139000",
        ])
    func refused(raw: String) {
        let problems = PhoneNumber.problems(raw, field: "organization.phone", label: "联系电话")
        #expect(problems.map(\.code) == ["invalidPhone"])
        #expect(problems.first?.field == "organization.phone")
        #expect(
            problems.first?.message
                == "联系电话格式不正确：请填写带区号的固定电话（如 0731-84884381）或11位手机号码")
    }

    @Test("missing phone numbers are required", arguments: [nil, "", "  "] as [String?])
    func missing(raw: String?) {
        let problems = PhoneNumber.problems(raw, field: "phone", label: "联系电话")
        #expect(problems.map(\.code) == ["required"])
        #expect(problems.first?.message.contains("联系电话") == true)
    }

    @Test func mobileIsToldFromLandline() {
        #expect(PhoneNumber.isMobile("+86 139-0731-0000"))
        #expect(!PhoneNumber.isMobile("0731-84884381"))
        #expect(!PhoneNumber.isMobile("1390731000"))
    }

    @Test func hugeInputIsRefused() {
        let huge = String(repeating: "1", count: 1_000_000)
        #expect(PhoneNumber.problems(huge, field: "phone", label: "联系电话").map(\.code) == ["invalidPhone"])
    }
}

@Suite("邮政编码")
struct PostalCodeTests {
    @Test("accepted postal codes", arguments: ["410005", " 410005 ", "100000", "427000", "４１０００５"])
    func accepted(raw: String) {
        #expect(PostalCode.problems(raw, field: "postalCode").isEmpty)
    }

    @Test(
        "refused postal codes",
        arguments: ["41000", "4100051", "41000a", "410 005", "410-005", "四一〇〇〇五", "٤١٠٠٠٥"])
    func refused(raw: String) {
        let problems = PostalCode.problems(raw, field: "organization.postalCode")
        #expect(problems.map(\.code) == ["invalidPostalCode"])
        #expect(problems.first?.message.contains("邮政编码") == true)
    }

    @Test func missingIsRequired() {
        #expect(PostalCode.problems(nil, field: "postalCode").map(\.code) == ["required"])
        #expect(PostalCode.problems(" ", field: "postalCode").map(\.code) == ["required"])
    }
}

@Suite("银行账号")
struct BankAccountNumberTests {
    @Test(
        "accepted account numbers",
        arguments: [
            "12345678",  // 8 digits, the shortest
            String(repeating: "9", count: 32),  // the longest
            "0012 3456 7890 1234",
            "6222-0219-0800-1234-567",
            "  43050164360800000123  ",
            "４３０５０１６４３６０８",
        ])
    func accepted(raw: String) {
        #expect(BankAccountNumber.problems(raw, field: "accountNumber").isEmpty)
    }

    @Test(
        "refused account numbers",
        arguments: [
            "1234567",  // 7 digits
            String(repeating: "9", count: 33),
            "1234 567",
            "1234567a9",
            "6222.0219.0800",
            "No.43050164360800000123",
        ])
    func refused(raw: String) {
        let problems = BankAccountNumber.problems(raw, field: "bankAccount.accountNumber")
        #expect(problems.map(\.code) == ["invalidAccountNumber"])
        #expect(problems.first?.message.contains("账号") == true)
    }

    @Test func countOfDigitsIsToldWhenTheLengthIsWrong() {
        let problems = BankAccountNumber.problems("1234 567", field: "accountNumber")
        #expect(problems.first?.message.contains("当前为7位") == true)
    }

    /// Leading zeros are part of many corporate account numbers and must survive.
    @Test func normalisedNumberKeepsLeadingZeros() {
        #expect(BankAccountNumber.normalized(" 0001-2345 678 ") == "00012345678")
    }

    @Test func missingIsRequired() {
        #expect(BankAccountNumber.problems("", field: "accountNumber").map(\.code) == ["required"])
    }
}

@Suite("文本长度")
struct TextRulesTests {
    @Test func lengthIsCountedInCharactersNotBytes() {
        let hundredHan = String(repeating: "湘", count: 100)
        #expect(TextRules.requiredText(hundredHan, maximumLength: 100, field: "f", label: "单位名称").isEmpty)
        let problems = TextRules.requiredText(
            hundredHan + "湘", maximumLength: 100, field: "f", label: "单位名称")
        #expect(problems.map(\.code) == ["tooLong"])
        #expect(problems.first?.message == "单位名称不能超过100个字，当前为101个字")
    }

    @Test("whitespace-only is missing", arguments: [nil, "", " ", "\n\t", "\u{3000}"] as [String?])
    func whitespaceIsMissing(value: String?) {
        #expect(TextRules.isMissing(value))
        #expect(
            TextRules.requiredText(value, maximumLength: 10, field: "f", label: "地址")
                == [Problem(field: "f", code: "required", message: "请填写地址")])
    }
}
