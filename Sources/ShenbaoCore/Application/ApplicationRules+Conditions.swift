extension ApplicationRules {
    /// More claims than the guide has priority conditions can only be repeats; the cap keeps a
    /// runaway list to one problem.
    static let priorityClaimLimit = 20

    /// 申报条件: each of the four confirmed, quoting the condition so the clerk knows what they sign.
    static func declarationProblems(_ declarations: EligibilityDeclarations?, call: CallDefinition) -> [Problem] {
        let given = declarations ?? EligibilityDeclarations()
        // In the order of `EligibilityDeclarations`, with the wording used when the call does not
        // name a condition (the call's labels are preferred).
        let conditions: [(code: String, confirmed: Bool?, label: String)] = [
            ("independentLegalPerson", given.independentLegalPerson, "申报单位具有独立法人资格"),
            ("noSubcontracting", given.noSubcontracting, "须是项目的策划、组织、实施单位，不得将项目进行转包"),
            ("teamAndControls", given.teamAndControls, "项目申报单位应组建工作团队，建立项目内控制度，做好条件保障，确保项目顺利实施"),
            (
                "lawCompliance", given.lawCompliance,
                "申报项目须严格执行《中华人民共和国境外非政府组织境内活动管理法》和相关法律法规，依法依规开展有关活动"
            ),
        ]
        return conditions.compactMap { code, confirmed, fallback in
            guard confirmed != true else { return nil }
            let label = call.eligibilityConditions.first { $0.code == code }?.label ?? fallback
            return Problem(
                field: "eligibilityDeclarations.\(code)", code: .notConfirmed,
                message: "请确认申报条件：\(label)")
        }
    }

    /// 优先考虑条件 claimed: each a condition of the call, claimed once, with its evidence.
    static func priorityClaimProblems(_ claims: [PriorityClaim]?, call: CallDefinition) -> [Problem] {
        let claims = claims ?? []
        var problems = countProblems(
            claims, limit: priorityClaimLimit, field: "priorityClaims", label: "优先考虑条件", unit: "项")
        var claimed: Set<String> = []
        for (index, claim) in claims.prefix(priorityClaimLimit).enumerated() {
            let path = "priorityClaims[\(index)]"
            var name = "第\(index + 1)项优先考虑条件"
            let code = claim.code.map(TextNormalization.trimmed) ?? ""
            if code.isEmpty {
                problems.append(
                    Problem(field: "\(path).code", code: .required, message: "请选择\(name)"))
            } else if let condition = call.priorityConditions.first(where: { $0.code == code }) {
                name = "优先考虑条件“\(condition.label)”"
                if !claimed.insert(code).inserted {
                    problems.append(
                        Problem(
                            field: "\(path).code", code: .duplicate,
                            message: "\(name)已经申报过，请勿重复申报"))
                }
            } else {
                problems.append(
                    Problem(
                        field: "\(path).code", code: .unknownOption,
                        message: "\(name)“\(code.prefix(40))”不是本年度申报指南的优先考虑条件，请从列表中选择"))
            }
            if TextRules.isMissing(claim.evidence) {
                problems.append(
                    Problem(
                        field: "\(path).evidence", code: .evidenceRequired,
                        message: "请填写\(name)的佐证说明"))
            } else {
                problems += TextRules.maximumLength(
                    claim.evidence.map(TextNormalization.trimmed), mediumTextLimit, field: "\(path).evidence",
                    label: "\(name)的佐证说明")
            }
        }
        return problems
    }

    /// 申报单位承诺 of section 三.
    static func commitmentProblems(_ commitment: Commitment?) -> [Problem] {
        guard commitment?.accepted != true else { return [] }
        return [
            Problem(
                field: "commitment.accepted", code: .notConfirmed,
                message: "请阅读并接受申报单位承诺（申报材料真实、合法，专项资金规范使用，接受监督、审计和评估）")
        ]
    }
}
