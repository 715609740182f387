extension ApplicationRules {
    static let invitedExpertLimit = 200
    static let delegationMemberLimit = 100
    /// The guide: "参会专家应来自三个及以上的国家或地区（不含港、澳、台地区）".
    public static let minimumExpertCountries = 3
    /// The guide: "每个科技团体不少于3人".
    public static let minimumDelegationMembers = 3

    /// Conference projects: the invited experts, each fully described, from at least three
    /// countries or regions once Hong Kong, Macao and Taiwan are counted as China.
    static func invitedExpertProblems(_ experts: [InvitedExpert]?) -> [Problem] {
        let experts = experts ?? []
        if experts.isEmpty {
            return [
                TextRules.missing(
                    field: "invitedExperts",
                    label: "参会专家（应来自\(minimumExpertCountries)个及以上的国家或地区）")
            ]
        }
        var problems = countProblems(
            experts, limit: invitedExpertLimit, field: "invitedExperts", label: "参会专家", unit: "位")
        var countries: [String] = []
        for (index, expert) in experts.prefix(invitedExpertLimit).enumerated() {
            let ordinal = "第\(index + 1)位参会专家"
            let path = "invitedExperts[\(index)]"
            problems += text(expert.name, limit: nameLimit, field: "\(path).name", label: "\(ordinal)的姓名")
            problems += countryProblems(
                expert.countryOrRegion, field: "\(path).countryOrRegion", label: ordinal)
            problems += text(
                expert.affiliation, limit: organizationNameLimit, field: "\(path).affiliation",
                label: "\(ordinal)的所在单位")
            problems += text(expert.title, limit: nameLimit, field: "\(path).title", label: "\(ordinal)的职务/职称")
            if let code = expert.countryOrRegion, CountryOrRegion.name(of: code) != nil {
                let country = CountryOrRegion.countsAs(code)
                if !countries.contains(country) { countries.append(country) }
            }
        }
        if countries.count < minimumExpertCountries {
            let names = countries.compactMap { CountryOrRegion.name(of: $0) }.joined(separator: "、")
            let current = countries.isEmpty ? "当前尚未填写有效的国家或地区" : "当前为\(countries.count)个（\(names)）"
            problems.append(
                Problem(
                    field: "invitedExperts", code: .tooFewCountries,
                    message:
                        "参会专家应来自\(minimumExpertCountries)个及以上的国家或地区（港、澳、台地区计入中国），\(current)"))
        }
        return problems
    }

    /// Cooperation projects that take a delegation abroad: at least three members, each fully
    /// described, all of one research field.
    static func delegationProblems(_ members: [DelegationMember]?) -> [Problem] {
        let members = members ?? []
        if members.isEmpty {
            return [
                TextRules.missing(
                    field: "delegationMembers", label: "科技团体成员（不少于\(minimumDelegationMembers)人）")
            ]
        }
        var problems: [Problem] = []
        if members.count < minimumDelegationMembers {
            problems.append(
                Problem(
                    field: "delegationMembers", code: .tooFewMembers,
                    message: "每个科技团体不少于\(minimumDelegationMembers)人，当前为\(members.count)人"))
        }
        problems += countProblems(
            members, limit: delegationMemberLimit, field: "delegationMembers", label: "科技团体成员",
            unit: "人")
        var fields: [String] = []
        for (index, member) in members.prefix(delegationMemberLimit).enumerated() {
            let ordinal = "第\(index + 1)位团体成员"
            let path = "delegationMembers[\(index)]"
            problems += text(member.name, limit: nameLimit, field: "\(path).name", label: "\(ordinal)的姓名")
            problems += text(member.field, limit: nameLimit, field: "\(path).field", label: "\(ordinal)的研究领域")
            problems += text(
                member.affiliation, limit: organizationNameLimit, field: "\(path).affiliation",
                label: "\(ordinal)的所在单位")
            problems += text(member.title, limit: nameLimit, field: "\(path).title", label: "\(ordinal)的职务/职称")
            if let field = member.field, !TextRules.isMissing(field) {
                let normalized = TextNormalization.trimmed(TextNormalization.halfWidth(field))
                if !fields.contains(normalized) { fields.append(normalized) }
            }
        }
        if fields.count > 1 {
            // Five are enough to show the mix; each shortened so the message stays a sentence.
            let shown = fields.prefix(5).map { "“\($0.prefix(20))”" }.joined(separator: "、")
            problems.append(
                Problem(
                    field: "delegationMembers", code: .mixedFields,
                    message:
                        "同一科技团体成员的研究领域应相同，当前填写了\(fields.count)个不同的领域：\(shown)\(fields.count > 5 ? "等" : "")"
                ))
        }
        return problems
    }
}
