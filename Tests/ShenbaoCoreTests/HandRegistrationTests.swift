import Testing

@testable import ShenbaoCore

/// 冷水江钢铁有限责任公司 (a real code passing the check), in 冷水江市: nothing wrong.
private let validForm = OrganizationForm(
    name: "冷水江钢铁有限责任公司", uscc: "91431381748373560G", legalRepresentative: "李四",
    address: "湖南省冷水江市轧钢路1号", postalCode: "417500", phone: "0738-5223456", nature: "enterprise",
    applicantKind: "provincialInstitution", divisionCode: "431381",
    bankAccount: BankAccountForm(accountName: "冷水江钢铁有限责任公司", bankName: "中国工商银行冷水江支行", accountNumber: "1909012345678"))

/// The 2015 Fujian pilot code of the reference README: right shape, failing check character.
private let pilotCode = "91350100M0001TGQXM"
/// 冷水江钢铁's code with its check character changed: the same kind of failure in Hunan.
private let wrongCheck = "91431381748373560H"
private let goodReason = "已核对营业执照原件，代码与证照一致，系2015年试点期间赋码"

struct HandRegistrationCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let uscc: String
    let reason: String?
    /// Codes on `organization.uscc`, then on `usccExceptionReason`.
    let usccCodes: [String]
    let reasonCodes: [String]
    /// Whether the reason is stored as the exception.
    let stored: Bool
}

private let cases: [HandRegistrationCase] = [
    .init(
        testDescription: "a valid code needs no reason and stores none", uscc: validForm.uscc!, reason: nil,
        usccCodes: [], reasonCodes: [], stored: false),
    .init(
        testDescription: "a valid code with a reason stores none: no exception without need",
        uscc: validForm.uscc!, reason: goodReason, usccCodes: [], reasonCodes: [], stored: false),
    .init(
        testDescription: "the pilot code without a reason is refused on both fields", uscc: pilotCode, reason: nil,
        usccCodes: ["checkCharacterNeedsReason"], reasonCodes: ["required"], stored: false),
    .init(
        testDescription: "blank reason counts as none", uscc: pilotCode, reason: "   ",
        usccCodes: ["checkCharacterNeedsReason"], reasonCodes: ["required"], stored: false),
    .init(
        testDescription: "a reason of 9 characters is too short", uscc: wrongCheck, reason: "已核对营业执照原件",
        usccCodes: ["checkCharacterNeedsReason"], reasonCodes: ["tooShort"], stored: false),
    .init(
        testDescription: "a reason of exactly 10 characters passes", uscc: wrongCheck, reason: " 已核对营业执照原件。 ",
        usccCodes: [], reasonCodes: [], stored: true),
    .init(
        testDescription: "a reason of 501 characters is too long", uscc: pilotCode,
        reason: String(repeating: "核", count: 501), usccCodes: ["checkCharacterNeedsReason"], reasonCodes: ["tooLong"],
        stored: false),
    .init(
        testDescription: "the pilot code with a good reason passes", uscc: pilotCode, reason: goodReason,
        usccCodes: [], reasonCodes: [], stored: true),
    .init(
        testDescription: "lower case and spaces are normalised first", uscc: "9135 0100 m000 1tgq xm",
        reason: goodReason,
        usccCodes: [], reasonCodes: [], stored: true),
    .init(
        testDescription: "a wrong length is refused whatever the reason", uscc: "91350100M0001TGQX", reason: goodReason,
        usccCodes: ["length"], reasonCodes: [], stored: false),
    .init(
        testDescription: "a forbidden letter is refused whatever the reason", uscc: "91350100M0001TGQXO",
        reason: goodReason, usccCodes: ["invalidCharacter"], reasonCodes: [], stored: false),
    .init(
        testDescription: "a missing code is refused whatever the reason", uscc: "", reason: goodReason,
        usccCodes: ["required"], reasonCodes: [], stored: false),
]

@Suite("人工登记")
struct HandRegistrationTests {
    @Test(arguments: cases)
    func evaluate(_ example: HandRegistrationCase) throws {
        var form = validForm
        form.uscc = example.uscc
        let outcome = HandRegistration.evaluate(
            form, reason: example.reason, call: try CallDefinition.guide2025(), divisions: .hunan)
        #expect(outcome.problems.filter { $0.field == "organization.uscc" }.map(\.code) == example.usccCodes)
        #expect(outcome.problems.filter { $0.field == "usccExceptionReason" }.map(\.code) == example.reasonCodes)
        #expect(outcome.problems.allSatisfy { ["organization.uscc", "usccExceptionReason"].contains($0.field) })
        #expect((outcome.exceptionReason != nil) == example.stored)
        if example.stored { #expect(outcome.exceptionReason == example.reason?.trimmingCharacters(in: .whitespaces)) }
        #expect(outcome.problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("self-registration keeps refusing a failing check character, whatever the province may do")
    func selfRegistrationRefuses() throws {
        var form = validForm
        form.uscc = pilotCode
        let problems = RegistrationRules.problems(in: form, call: try CallDefinition.guide2025(), divisions: .hunan)
        #expect(problems.map(\.code) == ["invalidCheckCharacter"])
    }

    @Test("every other rule still holds: problems of other fields are reported with the reason's")
    func otherRulesHold() throws {
        var form = validForm
        form.uscc = pilotCode
        form.postalCode = "12"
        let outcome = HandRegistration.evaluate(
            form, reason: nil, call: try CallDefinition.guide2025(), divisions: .hunan)
        #expect(
            Set(outcome.problems.map(\.field)) == [
                "organization.uscc", "organization.postalCode", "usccExceptionReason",
            ])
    }
}
