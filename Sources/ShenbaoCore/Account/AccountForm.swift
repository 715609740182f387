/// What a person sends to create a user account: the login and how to reach them.
public struct AccountForm: Codable, Hashable, Sendable {
    /// 用户名
    public var username: String?
    /// 密码, never trimmed or otherwise changed: it is hashed exactly as typed.
    public var password: String?
    /// 联系人
    public var contactName: String?
    /// 联系电话
    public var phone: String?
    /// 电子邮箱
    public var email: String?

    public init(
        username: String? = nil, password: String? = nil, contactName: String? = nil,
        phone: String? = nil, email: String? = nil
    ) {
        self.username = username
        self.password = password
        self.contactName = contactName
        self.phone = phone
        self.email = email
    }

    /// The form as it should be stored: username, contact name, phone and e-mail trimmed (phone
    /// and e-mail also made half-width, as input methods type full-width digits and @), empty
    /// strings as nil. The password is left exactly as typed, since trimming it would let a
    /// different string log in. `AccountRules` validates this form, so store what this returns.
    public func normalized() -> AccountForm {
        AccountForm(
            username: Self.clean(username.map { TextNormalization.trimmed($0) }),
            password: password,
            contactName: Self.clean(contactName.map { TextNormalization.trimmed($0) }),
            phone: Self.clean(phone.map { TextNormalization.trimmed(TextNormalization.halfWidth($0)) }),
            email: Self.clean(email.map { TextNormalization.trimmed(TextNormalization.halfWidth($0)) }))
    }

    private static func clean(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
