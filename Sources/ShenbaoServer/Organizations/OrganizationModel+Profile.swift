import ShenbaoCore

extension OrganizationModel {
    /// The organisation as the workspace and the application's page list it: its kind, then each
    /// detail it has.
    var profileRows: [(label: String, value: String)] {
        let org = self
        let kindLabel: String
        switch org.kind {
        case .applicant: kindLabel = "申报单位"
        case .recommender: kindLabel = "推荐单位（\(org.recommenderKind?.label ?? "")）"
        case .province: kindLabel = "省科协"
        }
        var rows = [(label: "单位类型", value: kindLabel)]
        let optional: [(String, String?)] = [
            ("统一社会信用代码", org.uscc),
            ("法人代表", org.legalRepresentative),
            ("地址", org.address),
            ("邮政编码", org.postalCode),
            ("联系电话", org.phone),
            ("单位性质", org.nature?.label),
            ("所在行政区划", org.divisionCode.map { DivisionCatalog.hunan.displayName(code: $0) ?? $0 }),
            ("开户名", org.bankAccountName),
            ("开户银行", org.bankName),
            ("账号", org.bankAccountNumber),
        ]
        for (label, value) in optional {
            if let value, !value.isEmpty { rows.append((label: label, value: value)) }
        }
        return rows
    }
}
