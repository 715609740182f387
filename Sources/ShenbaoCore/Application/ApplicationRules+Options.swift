extension ApplicationRules {
    static let partnerLimit = 50

    /// 合作单位名称: at least one partner, each named and placed in a country or region.
    static func partnerProblems(_ partners: [Partner]?) -> [Problem] {
        let partners = partners ?? []
        if partners.isEmpty {
            return [TextRules.missing(field: "partners", label: "合作单位（至少一个）")]
        }
        var problems = countProblems(
            partners, limit: partnerLimit, field: "partners", label: "合作单位", unit: "个")
        for (index, partner) in partners.prefix(partnerLimit).enumerated() {
            let ordinal = "第\(index + 1)个合作单位"
            problems += text(
                partner.name, limit: organizationNameLimit, field: "partners[\(index)].name",
                label: "\(ordinal)的名称")
            problems += countryProblems(
                partner.countryOrRegion, field: "partners[\(index)].countryOrRegion", label: ordinal)
        }
        return problems
    }

    /// A country or region chosen from `CountryOrRegion.all`, for `label` (e.g. 第1个合作单位).
    static func countryProblems(_ code: String?, field: String, label: String) -> [Problem] {
        guard let code, !TextRules.isMissing(code) else {
            return [
                Problem(field: field, code: .required, message: "请选择\(label)所在的国家或地区")
            ]
        }
        guard CountryOrRegion.name(of: code) == nil else { return [] }
        let shown = String(TextNormalization.trimmed(code).prefix(10))
        return [
            Problem(
                field: field, code: .unknownOption,
                message: "\(label)所在的国家或地区“\(shown)”无法识别，请从列表中选择")
        ]
    }

    /// 合作内容 or 合作领域: at least one option of the category, no unknown or repeated code, and
    /// the text of 其他 exactly when 其他 is ticked.
    static func choiceProblems(
        _ choices: Choices?, options: [Option], field: String, label: String
    ) -> [Problem] {
        let codes = choices?.codes ?? []
        let other = choices?.other.map(TextNormalization.trimmed) ?? ""
        var problems: [Problem] = []
        if codes.isEmpty {
            problems.append(
                Problem(field: "\(field).codes", code: .required, message: "请至少勾选一项\(label)"))
        }

        let known = Set(options.map(\.code))
        var seen: Set<String> = []
        var unknown: [String] = []
        var repeated: [String] = []
        for code in codes {
            if !known.contains(code) {
                if !unknown.contains(code) { unknown.append(code) }
            } else if !seen.insert(code).inserted, !repeated.contains(code) {
                repeated.append(code)
            }
        }
        if !unknown.isEmpty {
            // Ten are enough to show what is wrong; a pasted list must not become the message.
            let shown = unknown.prefix(10).map { "“\($0.prefix(40))”" }.joined(separator: "、")
            problems.append(
                Problem(
                    field: "\(field).codes", code: .unknownOption,
                    message: "\(label)中的\(shown)不是本类别申报书的选项，请从列出的选项中勾选"))
        }
        let retired = options.filter { $0.isRetired && seen.contains($0.code) }
        if !retired.isEmpty {
            problems.append(
                Problem(
                    field: "\(field).codes", code: .invalidOption,
                    message: "\(label)中的“\(retired.map(\.label).joined(separator: "”、“"))”已停用，请改选其他选项"))
        }
        if !repeated.isEmpty {
            let labels = repeated.map { code in options.first { $0.code == code }?.label ?? code }
            problems.append(
                Problem(
                    field: "\(field).codes", code: .duplicate,
                    message: "\(label)中的“\(labels.joined(separator: "”、“"))”勾选了不止一次"))
        }

        let otherTicked = codes.contains(otherOptionCode) && known.contains(otherOptionCode)
        if otherTicked, other.isEmpty {
            problems.append(
                Problem(
                    field: "\(field).other", code: .otherTextRequired,
                    message: "已勾选\(label)“其他”，请填写具体内容"))
        } else if !otherTicked, !other.isEmpty {
            problems.append(
                Problem(
                    field: "\(field).other", code: .otherNotChecked,
                    message: "填写了\(label)“其他”的具体内容，但没有勾选“其他”：请勾选“其他”或清空该内容"))
        }
        problems += TextRules.maximumLength(
            other, organizationNameLimit, field: "\(field).other", label: "\(label)“其他”的具体内容")
        return problems
    }

    /// Whether the cooperation form ticks 组织赴有关国家、区域或国际科技组织开展…活动 (the guide's item
    /// (3)), the option that makes the delegation rules apply. The code is the call data's.
    static func hasDelegation(_ form: ApplicationForm) -> Bool {
        form.cooperationContent?.codes?.contains(delegationOptionCode) ?? false
    }

    static let delegationOptionCode = "delegationAbroad"
}
