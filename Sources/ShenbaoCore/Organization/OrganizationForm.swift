/// 银行账户信息 of section 一: where the funds are paid.
public struct BankAccountForm: Codable, Hashable, Sendable {
    /// 开户名
    public var accountName: String?
    /// 开户银行
    public var bankName: String?
    /// 账号
    public var accountNumber: String?

    public init(accountName: String? = nil, bankName: String? = nil, accountNumber: String? = nil) {
        self.accountName = accountName
        self.bankName = bankName
        self.accountNumber = accountNumber
    }
}

/// What an organisation sends to register: every field of section 一 of the forms, plus its
/// applicant kind and division. Fields are optional so a half-filled form decodes and gets every
/// problem back at once instead of a decoding error.
public struct OrganizationForm: Codable, Hashable, Sendable {
    /// 单位名称, the full registered name.
    public var name: String?
    /// 统一社会信用代码
    public var uscc: String?
    /// 法人代表
    public var legalRepresentative: String?
    /// 地址
    public var address: String?
    /// 邮政编码
    public var postalCode: String?
    /// 联系电话
    public var phone: String?
    /// 单位性质, an `OrganizationNature` raw value.
    public var nature: String?
    /// 申报单位类别, a code of the call's `applicantKinds`.
    public var applicantKind: String?
    /// 所在行政区划, a GB/T 2260 code.
    public var divisionCode: String?
    public var bankAccount: BankAccountForm?

    public init(
        name: String? = nil, uscc: String? = nil, legalRepresentative: String? = nil,
        address: String? = nil, postalCode: String? = nil, phone: String? = nil,
        nature: String? = nil, applicantKind: String? = nil, divisionCode: String? = nil,
        bankAccount: BankAccountForm? = nil
    ) {
        self.name = name
        self.uscc = uscc
        self.legalRepresentative = legalRepresentative
        self.address = address
        self.postalCode = postalCode
        self.phone = phone
        self.nature = nature
        self.applicantKind = applicantKind
        self.divisionCode = divisionCode
        self.bankAccount = bankAccount
    }

    /// The form as it should be stored: every string trimmed, the USCC in `USCC.normalized` form,
    /// codes and numbers made half-width (input methods type full-width digits), the account
    /// number without its grouping spaces and hyphens, and empty strings as nil, so "missing" has
    /// one representation. The rules validate this form, so store what this returns.
    public func normalized() -> OrganizationForm {
        OrganizationForm(
            name: Self.text(name),
            uscc: Self.clean(uscc.map(USCC.normalized)),
            legalRepresentative: Self.text(legalRepresentative),
            address: Self.text(address),
            postalCode: Self.code(postalCode),
            phone: Self.code(phone),
            nature: Self.text(nature),
            applicantKind: Self.text(applicantKind),
            divisionCode: Self.code(divisionCode),
            bankAccount: bankAccount.map {
                BankAccountForm(
                    accountName: Self.text($0.accountName),
                    bankName: Self.text($0.bankName),
                    accountNumber: Self.clean($0.accountNumber.map(BankAccountNumber.normalized)))
            })
    }

    private static func clean(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func text(_ value: String?) -> String? {
        clean(value.map(TextNormalization.trimmed))
    }

    private static func code(_ value: String?) -> String? {
        clean(value.map { TextNormalization.trimmed(TextNormalization.halfWidth($0)) })
    }
}
