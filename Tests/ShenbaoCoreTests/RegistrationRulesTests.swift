import Testing

@testable import ShenbaoCore

/// 湖南鸿斯科技有限公司, a real 长沙 company, registered in 岳麓区: a form with nothing wrong.
private let validForm = OrganizationForm(
    name: "湖南鸿斯科技有限公司",
    uscc: "91430100MAE5UXKE2R",
    legalRepresentative: "张三",
    address: "长沙市岳麓区麓谷大道658号",
    postalCode: "410205",
    phone: "0731-84884381",
    nature: "enterprise",
    applicantKind: "provincialInstitution",
    divisionCode: "430104",
    bankAccount: BankAccountForm(
        accountName: "湖南鸿斯科技有限公司", bankName: "中国银行长沙麓谷支行",
        accountNumber: "5838 7512 3456"))

/// Every field path of the registration form, in the order the rules report them.
private let allFields = [
    "organization.name", "organization.uscc", "organization.legalRepresentative",
    "organization.address", "organization.postalCode", "organization.phone",
    "organization.nature", "organization.bankAccount.accountName",
    "organization.bankAccount.bankName", "organization.bankAccount.accountNumber",
    "organization.applicantKind", "organization.divisionCode",
]

/// One field made wrong, the path it must be reported on, and the code.
struct BrokenField: Sendable, CustomTestStringConvertible {
    let description: String
    let field: String
    let code: String
    let breakIt: @Sendable (inout OrganizationForm) -> Void

    var testDescription: String { description }
}

private func problems(_ form: OrganizationForm) throws -> [Problem] {
    RegistrationRules.problems(in: form, call: try CallDefinition.guide2025(), divisions: .hunan)
}

private func warnings(uscc: String, division: String) -> [Problem] {
    var form = validForm
    form.uscc = uscc
    form.divisionCode = division
    return RegistrationRules.warnings(for: form, divisions: .hunan)
}

/// A valid code registered by the given office, with its check character computed: no real
/// published code names the province office, and the rule for it still needs proving.
private func code(office: String) throws -> String {
    let first17 = "91" + office + "MA4L12345"
    return first17 + String(try #require(USCC.checkCharacter(for: first17)))
}

@Suite("单位注册")
struct RegistrationRulesTests {
    @Test func validFormHasNoProblem() throws {
        #expect(try problems(validForm) == [])
        #expect(RegistrationRules.warnings(for: validForm, divisions: .hunan) == [])
    }

    @Test(
        "each field wrong alone is reported on that field only",
        arguments: [
            BrokenField(description: "name empty", field: "organization.name", code: "required") {
                $0.name = ""
            },
            BrokenField(description: "name spaces", field: "organization.name", code: "required") {
                $0.name = "   "
            },
            BrokenField(description: "name 101", field: "organization.name", code: "tooLong") {
                $0.name = String(repeating: "湘", count: 101)
            },
            BrokenField(description: "USCC typo", field: "organization.uscc", code: "invalidCheckCharacter") {
                $0.uscc = "91430100MAE5UXKE2Q"
            },
            BrokenField(description: "USCC short", field: "organization.uscc", code: "length") {
                $0.uscc = "91430100MAE5UXKE2"
            },
            BrokenField(description: "USCC missing", field: "organization.uscc", code: "required") {
                $0.uscc = nil
            },
            BrokenField(
                description: "legal representative 51", field: "organization.legalRepresentative",
                code: "tooLong"
            ) { $0.legalRepresentative = String(repeating: "李", count: 51) },
            BrokenField(
                description: "legal representative missing", field: "organization.legalRepresentative",
                code: "required"
            ) { $0.legalRepresentative = nil },
            BrokenField(description: "address 201", field: "organization.address", code: "tooLong") {
                $0.address = String(repeating: "路", count: 201)
            },
            BrokenField(description: "address missing", field: "organization.address", code: "required") {
                $0.address = "\n"
            },
            BrokenField(
                description: "postal code 5 digits", field: "organization.postalCode",
                code: "invalidPostalCode"
            ) { $0.postalCode = "41020" },
            BrokenField(description: "phone without area code", field: "organization.phone", code: "invalidPhone") {
                $0.phone = "84884381"
            },
            BrokenField(description: "nature unknown", field: "organization.nature", code: "invalidOption") {
                $0.nature = "公司"
            },
            BrokenField(description: "nature missing", field: "organization.nature", code: "required") {
                $0.nature = nil
            },
            BrokenField(
                description: "account name 101", field: "organization.bankAccount.accountName",
                code: "tooLong"
            ) { $0.bankAccount?.accountName = String(repeating: "湘", count: 101) },
            BrokenField(
                description: "bank name missing", field: "organization.bankAccount.bankName",
                code: "required"
            ) { $0.bankAccount?.bankName = "" },
            BrokenField(
                description: "bank name 101", field: "organization.bankAccount.bankName", code: "tooLong"
            ) { $0.bankAccount?.bankName = String(repeating: "行", count: 101) },
            BrokenField(
                description: "account number 7 digits", field: "organization.bankAccount.accountNumber",
                code: "invalidAccountNumber"
            ) { $0.bankAccount?.accountNumber = "1234567" },
            BrokenField(
                description: "applicant kind unknown", field: "organization.applicantKind",
                code: "invalidOption"
            ) { $0.applicantKind = "university" },
            BrokenField(
                description: "applicant kind missing", field: "organization.applicantKind", code: "required"
            ) { $0.applicantKind = " " },
            BrokenField(
                description: "division is the province", field: "organization.divisionCode",
                code: "divisionTooBroad"
            ) { $0.divisionCode = "430000" },
            BrokenField(
                description: "division unknown in Hunan", field: "organization.divisionCode",
                code: "invalidDivision"
            ) { $0.divisionCode = "439999" },
            BrokenField(
                description: "division abolished", field: "organization.divisionCode", code: "invalidDivision"
            ) { $0.divisionCode = "430122" },
            BrokenField(
                description: "division outside Hunan", field: "organization.divisionCode",
                code: "invalidDivision"
            ) { $0.divisionCode = "110108" },
            BrokenField(
                description: "division not a code", field: "organization.divisionCode", code: "invalidDivision"
            ) { $0.divisionCode = "长沙市" },
            BrokenField(
                description: "division missing", field: "organization.divisionCode", code: "required"
            ) { $0.divisionCode = nil },
        ])
    func fieldWrongAlone(broken: BrokenField) throws {
        var form = validForm
        broken.breakIt(&form)
        let found = try problems(form)
        #expect(found.map(\.field) == [broken.field])
        #expect(found.map(\.code) == [broken.code])
    }

    @Test func everyMessageNamesItsField() throws {
        let labels = [
            "单位名称", "统一社会信用代码", "法人代表", "地址", "邮政编码", "联系电话", "单位性质", "开户名",
            "开户银行", "账号", "申报单位类别", "所在行政区划",
        ]
        let found = try problems(OrganizationForm())
        #expect(found.map(\.field) == allFields)
        for (problem, label) in zip(found, labels) {
            #expect(problem.message.contains(label), "\(problem.message)")
        }
    }

    @Test func emptyFormHasAProblemOnEveryFieldAtOnce() throws {
        let found = try problems(OrganizationForm())
        #expect(found.map(\.field) == allFields)
        #expect(found.allSatisfy { $0.code == "required" })
        // An empty bank account object is the same as none.
        var form = OrganizationForm()
        form.bankAccount = BankAccountForm(accountName: "", bankName: " ", accountNumber: "")
        #expect(try problems(form).map(\.field) == allFields)
    }

    @Test func limitsAreInclusive() throws {
        var form = validForm
        form.name = String(repeating: "湘", count: 100)
        form.legalRepresentative = String(repeating: "李", count: 50)
        form.address = String(repeating: "路", count: 200)
        form.bankAccount?.accountName = String(repeating: "湘", count: 100)
        form.bankAccount?.bankName = String(repeating: "行", count: 100)
        #expect(try problems(form) == [])
    }

    @Test func millionCharacterNameIsTooLong() throws {
        var form = validForm
        form.name = String(repeating: "a", count: 1_000_000)
        let found = try problems(form)
        #expect(found.map(\.code) == ["tooLong"])
        #expect(found.first?.message == "单位名称不能超过100个字，当前为1000000个字")
    }

    @Test func natureMessageListsTheChoices() throws {
        var form = validForm
        form.nature = "company"
        let message = try problems(form).first?.message ?? ""
        for label in ["企业", "事业单位", "社团", "其他"] {
            #expect(message.contains(label))
        }
    }

    @Test func provinceAloneAsksForCityAndCounty() throws {
        var form = validForm
        form.divisionCode = "430000"
        #expect(try problems(form).first?.message.contains("请选择所在的市州和县市区") == true)
    }

    @Test(
        "every applicant kind and a prefecture or county of Hunan are accepted",
        arguments: [
            "nationalSociety", "provincialInstitution", "associationOrSociety", "overseasTalentBase",
            "affiliatedUnit", "other",
        ])
    func applicantKindInHunan(kind: String) throws {
        for division in ["430100", "430104", "433100", "433130"] {
            var form = validForm
            form.applicantKind = kind
            form.divisionCode = division
            #expect(try problems(form) == [], "\(kind) in \(division)")
        }
    }

    /// 中国自动化学会 sits in Beijing: national societies may register outside Hunan.
    @Test(
        "national society outside Hunan is accepted",
        arguments: ["110108", "110000", "310104", "810000"])
    func nationalSocietyOutsideHunan(division: String) throws {
        var form = validForm
        form.uscc = "51100000500002862F"
        form.nature = "society"
        form.applicantKind = "nationalSociety"
        form.divisionCode = division
        #expect(try problems(form) == [])
    }

    @Test(
        "national society needs a well-formed code, and Hunan's rules inside Hunan",
        arguments: ["999999", "001234", "11010", "1101080", "430000", "439999"])
    func nationalSocietyNeedsAWellFormedCode(division: String) throws {
        var form = validForm
        form.applicantKind = "nationalSociety"
        form.divisionCode = division
        #expect(try problems(form).map(\.field) == ["organization.divisionCode"])
    }

    @Test(
        "every other applicant kind outside Hunan is refused",
        arguments: ["provincialInstitution", "associationOrSociety", "other"])
    func othersOutsideHunanAreRefused(kind: String) throws {
        var form = validForm
        form.applicantKind = kind
        form.divisionCode = "440305"
        let found = try problems(form)
        #expect(found.map(\.code) == ["invalidDivision"])
        #expect(found.first?.message.contains("国家级学会") == true)
    }

    @Test func prefixNamesTheFieldPaths() throws {
        let found = RegistrationRules.problems(
            in: OrganizationForm(), call: try CallDefinition.guide2025(), divisions: .hunan,
            prefix: "recommender")
        #expect(found.first?.field == "recommender.name")
        #expect(found.contains { $0.field == "recommender.bankAccount.accountNumber" })
    }

    @Test func sloppyInputIsNormalisedBeforeJudging() throws {
        var form = validForm
        form.name = "  湖南鸿斯科技有限公司\n"
        form.uscc = " 91430100 mae5uxke2r "
        form.postalCode = "４１０２０５"
        form.bankAccount?.accountNumber = "5838-7512-3456"
        #expect(try problems(form) == [])
        let normalized = form.normalized()
        #expect(normalized.name == "湖南鸿斯科技有限公司")
        #expect(normalized.uscc == "91430100MAE5UXKE2R")
        #expect(normalized.postalCode == "410205")
        #expect(normalized.bankAccount?.accountNumber == "583875123456")
        #expect(OrganizationForm(name: "  ", uscc: "").normalized() == OrganizationForm())
    }

    // MARK: - Warnings

    @Test func mismatchedOfficeWarnsNamingBoth() {
        let found = warnings(uscc: "91431381748373560G", division: "430104")
        #expect(
            found == [
                Problem(
                    field: "organization.divisionCode", code: "usccDivisionMismatch",
                    message: "统一社会信用代码中的登记机关代码 431381（冷水江市）与所选行政区划 长沙市 岳麓区 不一致，请核对")
            ])
    }

    @Test(
        "no warning when the office is the division, above it or below it",
        arguments: [
            ("91431381748373560G", "431381"),  // the same county
            ("91431381748373560G", "431300"),  // the county's prefecture was chosen
            ("91430100MAE5UXKE2R", "430104"),  // a 长沙 district, registered by 长沙市
            ("91430100MAE5UXKE2R", "430100"),
            ("12100000400000624D", "430104"),  // national registration
            ("51100000500002862F", "110108"),
        ])
    func noWarning(uscc: String, division: String) {
        #expect(warnings(uscc: uscc, division: division) == [])
    }

    @Test func provinceOfficeDoesNotWarnInHunan() throws {
        #expect(warnings(uscc: try code(office: "430000"), division: "433130") == [])
        #expect(warnings(uscc: try code(office: "430000"), division: "430100") == [])
        #expect(warnings(uscc: try code(office: "430000"), division: "110108").count == 1)
    }

    @Test(
        "warning when the office is elsewhere",
        arguments: [
            ("914403001922038216", "430104"),  // 深圳 company, Hunan division
            ("914403001922038216", "430100"),
            ("91431381748373560G", "431382"),  // a neighbouring county of the same city
            ("91430100MAE5UXKE2R", "430200"),  // another city
            ("91430100MAE5UXKE2R", "430211"),
        ])
    func warning(uscc: String, division: String) {
        let found = warnings(uscc: uscc, division: division)
        #expect(found.map(\.code) == ["usccDivisionMismatch"])
        #expect(found.first?.field == "organization.divisionCode")
    }

    @Test func warningOutsideTheCatalogNamesTheProvince() {
        let found = warnings(uscc: "914403001922038216", division: "430104")
        #expect(found.first?.message.contains("440300（广东省）") == true)
    }

    @Test func warningIsNeverAProblem() throws {
        var form = validForm
        form.uscc = "91431381748373560G"
        #expect(RegistrationRules.warnings(for: form, divisions: .hunan).count == 1)
        #expect(try problems(form) == [])
    }

    @Test func noWarningWithoutAValidCodeAndDivision() {
        #expect(warnings(uscc: "91431381748373560H", division: "430104") == [])
        #expect(warnings(uscc: "91431381748373560G", division: "") == [])
        #expect(warnings(uscc: "91431381748373560G", division: "长沙") == [])
    }
}
