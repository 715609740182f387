/// The rules of an organisation's registration (docs/rules.md §3): every field of section 一 of the
/// forms is required, the codes are checked, and the division is a city or county of Hunan except
/// for national societies.
public enum RegistrationRules {
    /// 国家级学会 may sit outside Hunan (most are in Beijing); every other kind is in Hunan.
    static let outsideHunanApplicantKind = "nationalSociety"

    /// Every problem of the form, each on its field path under `prefix`. The form is normalised
    /// first, so the rules judge what `OrganizationForm.normalized()` would store.
    public static func problems(
        in form: OrganizationForm, call: CallDefinition, divisions: DivisionCatalog,
        prefix: String = "organization"
    ) -> [Problem] {
        let form = form.normalized()
        let bank = form.bankAccount ?? BankAccountForm()
        var problems: [Problem] = []
        problems += TextRules.requiredText(
            form.name, maximumLength: 100, field: "\(prefix).name", label: "单位名称")
        problems += USCC.problems(form.uscc, field: "\(prefix).uscc")
        problems += TextRules.requiredText(
            form.legalRepresentative, maximumLength: 50, field: "\(prefix).legalRepresentative",
            label: "法人代表")
        problems += TextRules.requiredText(
            form.address, maximumLength: 200, field: "\(prefix).address", label: "地址")
        problems += PostalCode.problems(form.postalCode, field: "\(prefix).postalCode")
        problems += PhoneNumber.problems(form.phone, field: "\(prefix).phone", label: "联系电话")
        problems += natureProblems(form.nature, field: "\(prefix).nature")
        problems += TextRules.requiredText(
            bank.accountName, maximumLength: 100, field: "\(prefix).bankAccount.accountName",
            label: "开户名")
        problems += TextRules.requiredText(
            bank.bankName, maximumLength: 100, field: "\(prefix).bankAccount.bankName",
            label: "开户银行")
        problems += BankAccountNumber.problems(
            bank.accountNumber, field: "\(prefix).bankAccount.accountNumber")
        problems += applicantKindProblems(
            form.applicantKind, call: call, field: "\(prefix).applicantKind")
        problems += divisionProblems(
            form.divisionCode, applicantKind: form.applicantKind, divisions: divisions,
            field: "\(prefix).divisionCode")
        return problems
    }

    /// `usccDivisionMismatch` on the division when a valid USCC names another registering office.
    ///
    /// Only ever a warning: positions 3–8 are the office at registration time, old codes name
    /// abolished divisions, and organisations move (reference README). No warning for national
    /// registrations (100000), for an office above or below the chosen division (a city office
    /// registers county organisations; a province office any), or when they are equal.
    public static func warnings(
        for form: OrganizationForm, divisions: DivisionCatalog, prefix: String = "organization"
    ) -> [Problem] {
        let form = form.normalized()
        guard let uscc = form.uscc, let office = USCC.divisionDigits(uscc),
            let chosen = form.divisionCode, ProvinceCodes.isWellFormed(chosen),
            !isConsistent(office: office, chosen: chosen, divisions: divisions)
        else { return [] }

        let officeName =
            divisions.division(code: office)?.name ?? ProvinceCodes.provinceName(of: office)
        // A bare code gets a space so the sentence still reads "代码 AB1234 与…".
        let officeText = officeName.map { "\(office)（\($0)）" } ?? "\(office) "
        let chosenText =
            divisions.displayName(code: chosen)
            ?? ProvinceCodes.provinceName(of: chosen).map { "\(chosen)（\($0)）" } ?? chosen
        return [
            Problem(
                field: "\(prefix).divisionCode", code: .usccDivisionMismatch,
                message: "统一社会信用代码中的登记机关代码 \(officeText)与所选行政区划 \(chosenText) 不一致，请核对")
        ]
    }

    // MARK: - Fields

    private static func natureProblems(_ nature: String?, field: String) -> [Problem] {
        let label = "单位性质"
        if TextRules.isMissing(nature) { return [TextRules.missing(field: field, label: label)] }
        guard let nature, OrganizationNature(rawValue: nature) == nil else { return [] }
        let choices = OrganizationNature.allCases.map(\.label).joined(separator: "、")
        return [
            Problem(field: field, code: .invalidOption, message: "\(label)应为\(choices)之一")
        ]
    }

    private static func applicantKindProblems(
        _ kind: String?, call: CallDefinition, field: String
    ) -> [Problem] {
        let label = "申报单位类别"
        if TextRules.isMissing(kind) { return [TextRules.missing(field: field, label: label)] }
        guard let kind, call.applicantKind(kind) == nil else { return [] }
        return [
            Problem(
                field: field, code: .invalidOption,
                message: "\(label)不是本年度申报指南所列的类别，请从列表中选择")
        ]
    }

    private static func divisionProblems(
        _ code: String?, applicantKind: String?, divisions: DivisionCatalog, field: String
    ) -> [Problem] {
        let label = "所在行政区划"
        if TextRules.isMissing(code) { return [TextRules.missing(field: field, label: label)] }
        guard let code else { return [] }

        if let division = divisions.division(code: code) {
            if division.level != .province { return [] }
            return [
                Problem(
                    field: field, code: .divisionTooBroad,
                    message: "\(label)不能只选\(division.name)，请选择所在的市州和县市区")
            ]
        }
        // Outside the catalog: only a national society's well-formed code outside Hunan passes.
        let isOutsideHunan = ProvinceCodes.isWellFormed(code) && !isHunan(code, divisions: divisions)
        if isOutsideHunan && applicantKind == outsideHunanApplicantKind { return [] }
        let message =
            isOutsideHunan
            ? "\(label)须为湖南省的市州或县市区（只有国家级学会可以在湖南省外）"
            : "\(label)代码 \(code) 不是有效的湖南省市州或县市区代码，请从列表中选择"
        return [Problem(field: field, code: .invalidDivision, message: message)]
    }

    // MARK: - Divisions

    /// Whether a code lies in the catalog's province, judged by its first two digits, so an
    /// abolished Hunan code is still "in Hunan" and never mistaken for another province.
    private static func isHunan(_ code: String, divisions: DivisionCatalog) -> Bool {
        guard let province = divisions.province?.code else { return code.hasPrefix("43") }
        return code.prefix(2) == province.prefix(2)
    }

    /// Whether the registering office is the chosen division, above it or below it.
    ///
    /// GB/T 2260 codes nest by prefix (province `xx0000`, prefecture `xxxx00`), so the relation
    /// is read from the digits and also holds for abolished codes and codes outside Hunan; the
    /// catalog's parent links are consulted as well, in case a prefecture ever breaks the pattern.
    private static func isConsistent(
        office: String, chosen: String, divisions: DivisionCatalog
    ) -> Bool {
        if office == chosen || office == "100000" { return true }
        if contains(office, chosen) || contains(chosen, office) { return true }
        if let county = divisions.division(code: chosen), county.parentCode == office,
            county.level == .county
        {
            return true
        }
        if let county = divisions.division(code: office), county.parentCode == chosen,
            county.level == .county
        {
            return true
        }
        return false
    }

    /// Whether `outer` is the province or prefecture `inner` lies in, by the nesting of the codes.
    private static func contains(_ outer: String, _ inner: String) -> Bool {
        if outer.hasSuffix("0000") { return inner.prefix(2) == outer.prefix(2) }
        if outer.hasSuffix("00") { return inner.prefix(4) == outer.prefix(4) }
        return false
    }
}
