/// 项目变更: what the unit of a funded project asks to change while it is carried out, and how an
/// approved change rewrites the project's plan (the application's form).
///
/// One request changes one thing: the end of the period (延期), the main content (内容调整), the
/// partners (合作方变更), the phases' budgets (经费调整: money moves between phases only, the total
/// stays what was approved) or the leader (负责人变更); every request says why.
public enum ChangeRequest {
    /// The kinds, with their raw values on the wire.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case `extension`
        case content
        case partners
        case budget
        case leader

        /// 延期, 内容调整, …: as the page and every message name the kind.
        public var label: String {
            switch self {
            case .extension: "延期"
            case .content: "内容调整"
            case .partners: "合作方变更"
            case .budget: "经费调整"
            case .leader: "负责人变更"
            }
        }
    }

    /// An extension moves the end by at most this many months.
    public static let extensionMonths = 12
    public static let contentLimit = 2000
    public static let partnerCount = 1...10
    public static let partnerNameLimit = 100
    /// One phase's new budget: from 0 to 1 亿元.
    public static let budgetBounds = 0...100_000_000
    public static let leaderLimit = 50
    public static let reasonLimit = 2000
    public static let commentLimit = 2000

    /// The fields' Chinese labels.
    public enum Label {
        public static let kind = "变更类型"
        public static let newEnd = "延期后的项目结束日期"
        public static let mainContent = "调整后的项目主要内容"
        public static let partners = "变更后的合作单位"
        public static let partnerName = "合作单位名称"
        public static let budgets = "调整后的各阶段经费预算"
        public static let leader = "变更后的项目负责人"
        public static let reason = "变更理由"
        public static let comment = "省科协意见"
    }

    /// What the unit sent. Only the fields of the chosen kind are read.
    public struct Input: Equatable, Sendable {
        public var kind: String?
        public var newEnd: String?
        public var mainContent: String?
        public var partners: [String]?
        public var budgetsYuan: [Int]?
        public var leader: String?
        public var reason: String?

        public init(
            kind: String? = nil, newEnd: String? = nil, mainContent: String? = nil, partners: [String]? = nil,
            budgetsYuan: [Int]? = nil, leader: String? = nil, reason: String? = nil
        ) {
            self.kind = kind
            self.newEnd = newEnd
            self.mainContent = mainContent
            self.partners = partners
            self.budgetsYuan = budgetsYuan
            self.leader = leader
            self.reason = reason
        }
    }

    /// One part of the plan: what a request asks for, or what the form held before. Only the
    /// field of `kind` is set; stored as JSON in the change's row.
    public struct Part: Codable, Hashable, Sendable {
        public var kind: Kind
        public var newEnd: Day?
        public var mainContent: String?
        public var partners: [String]?
        public var budgetsYuan: [Int]?
        public var leader: String?

        public init(
            kind: Kind, newEnd: Day? = nil, mainContent: String? = nil, partners: [String]? = nil,
            budgetsYuan: [Int]? = nil, leader: String? = nil
        ) {
            self.kind = kind
            self.newEnd = newEnd
            self.mainContent = mainContent
            self.partners = partners
            self.budgetsYuan = budgetsYuan
            self.leader = leader
        }

        /// The part of `form` that a change of `kind` replaces: the "before" of the history.
        public static func of(_ form: ApplicationForm, kind: Kind) -> Part {
            switch kind {
            case .extension: Part(kind: kind, newEnd: form.period?.end)
            case .content: Part(kind: kind, mainContent: form.mainContent)
            case .partners: Part(kind: kind, partners: (form.partners ?? []).map { $0.name ?? "" })
            case .budget: Part(kind: kind, budgetsYuan: (form.phases ?? []).map { $0.budgetYuan ?? 0 })
            case .leader: Part(kind: kind, leader: form.leader)
            }
        }

        /// `form` with this part applied: the project's plan after the approved change. A partner
        /// who stays keeps its country or region; a new one has none yet.
        public func apply(to form: ApplicationForm) -> ApplicationForm {
            var result = form
            switch kind {
            case .extension:
                if let newEnd {
                    var period = form.period ?? DayRange()
                    period.end = newEnd
                    result.period = period
                }
            case .content:
                if let mainContent { result.mainContent = mainContent }
            case .partners:
                if let partners {
                    let before = form.partners ?? []
                    result.partners = partners.map { name in
                        Partner(
                            name: name, countryOrRegion: before.first(where: { $0.name == name })?.countryOrRegion)
                    }
                }
            case .budget:
                if let budgetsYuan, var phases = form.phases, phases.count == budgetsYuan.count {
                    for index in phases.indices { phases[index].budgetYuan = budgetsYuan[index] }
                    result.phases = phases
                }
            case .leader:
                if let leader { result.leader = leader }
            }
            return result
        }

        /// The value in Chinese, as the list shows it: `2027年6月30日`, `甲大学、乙研究所`,
        /// `第1阶段3万元；第2阶段7万元`.
        public var text: String {
            switch kind {
            case .extension: newEnd?.chinese ?? "未填写"
            case .content: mainContent ?? "未填写"
            case .partners: (partners ?? []).joined(separator: "、")
            case .budget:
                (budgetsYuan ?? []).enumerated().map { "第\($0.offset + 1)阶段\(WanAmount.withUnit($0.element))" }
                    .joined(separator: "；")
            case .leader: leader ?? "未填写"
            }
        }
    }

    /// Every problem of `input` at once, against the plan as it stands (`form`). On success, the
    /// requested part and the reason, trimmed.
    public static func check(_ input: Input, form: ApplicationForm) -> (
        part: Part?, reason: String?, problems: [Problem]
    ) {
        var problems: [Problem] = []
        var part: Part?

        let kindText = input.kind.map(TextNormalization.trimmed) ?? ""
        let kind = Kind(rawValue: kindText)
        if kindText.isEmpty {
            problems.append(Problem(field: "kind", code: .required, message: "请选择\(Label.kind)"))
        } else if kind == nil {
            problems.append(
                Problem(
                    field: "kind", code: .invalidOption,
                    message: "\(Label.kind)应为\(Kind.allCases.map(\.label).joined(separator: "、"))之一"))
        }

        switch kind {
        case .extension:
            let text = input.newEnd.map(TextNormalization.trimmed) ?? ""
            let currentEnd = form.period?.end
            if text.isEmpty {
                problems.append(TextRules.missing(field: "newEnd", label: Label.newEnd))
            } else if let day = Day(text) {
                if let currentEnd {
                    let latest = months(extensionMonths, after: currentEnd)
                    if day <= currentEnd {
                        problems.append(
                            Problem(
                                field: "newEnd", code: .outOfRange,
                                message: "\(Label.newEnd)应晚于现在的结束日期\(currentEnd.chinese)，现为\(day.chinese)"))
                    } else if day > latest {
                        problems.append(
                            Problem(
                                field: "newEnd", code: .outOfRange,
                                message:
                                    "\(Label.newEnd)最多延后\(extensionMonths)个月，即不晚于\(latest.chinese)，现为\(day.chinese)"))
                    } else {
                        part = Part(kind: .extension, newEnd: day)
                    }
                } else if let start = form.period?.start, day <= start {
                    problems.append(
                        Problem(
                            field: "newEnd", code: .outOfRange,
                            message: "\(Label.newEnd)应晚于项目开始日期\(start.chinese)，现为\(day.chinese)"))
                } else {
                    part = Part(kind: .extension, newEnd: day)
                }
            } else {
                problems.append(
                    Problem(
                        field: "newEnd", code: .invalidValue, message: "\(Label.newEnd)应为日期（YYYY-MM-DD），现为“\(text)”"))
            }
        case .content:
            let text = input.mainContent.map(TextNormalization.trimmed) ?? ""
            let found = TextRules.requiredText(
                text, maximumLength: contentLimit, field: "mainContent", label: Label.mainContent)
            problems += found
            if found.isEmpty { part = Part(kind: .content, mainContent: text) }
        case .partners:
            let names = (input.partners ?? []).map(TextNormalization.trimmed).filter { !$0.isEmpty }
            var found: [Problem] = []
            if names.count < partnerCount.lowerBound {
                found.append(TextRules.missing(field: "partners", label: Label.partners))
            } else if names.count > partnerCount.upperBound {
                found.append(
                    Problem(
                        field: "partners", code: .tooMany,
                        message: "\(Label.partners)最多\(partnerCount.upperBound)个，现为\(names.count)个"))
            } else {
                for (index, name) in names.enumerated() {
                    found += TextRules.maximumLength(
                        name, partnerNameLimit, field: "partners[\(index)]", label: "第\(index + 1)个\(Label.partnerName)"
                    )
                }
            }
            problems += found
            if found.isEmpty { part = Part(kind: .partners, partners: names) }
        case .budget:
            let phases = form.phases ?? []
            let budgets = input.budgetsYuan ?? []
            var found: [Problem] = []
            if phases.isEmpty {
                found.append(
                    Problem(field: "budgetsYuan", code: .noPlan, message: "申报书没有填写阶段，不能进行经费调整"))
            } else if budgets.isEmpty {
                found.append(TextRules.missing(field: "budgetsYuan", label: Label.budgets))
            } else if budgets.count != phases.count {
                found.append(
                    Problem(
                        field: "budgetsYuan", code: .mismatch,
                        message: "\(Label.budgets)应为\(phases.count)个阶段各一个，现为\(budgets.count)个"))
            } else {
                for (index, amount) in budgets.enumerated() where !budgetBounds.contains(amount) {
                    found.append(
                        Problem(
                            field: "budgetsYuan[\(index)]", code: .outOfBounds,
                            message:
                                "第\(index + 1)阶段经费预算应在0至\(WanAmount.withUnit(budgetBounds.upperBound))之间"))
                }
                // Every amount is bounded now (at most 1 亿元 each, as many as the phases).
                let before = phases.map { $0.budgetYuan ?? 0 }
                if found.isEmpty, before.allSatisfy({ budgetBounds.contains($0) }) {
                    let total = budgets.reduce(0, +)
                    let approved = before.reduce(0, +)
                    if total != approved {
                        found.append(
                            Problem(
                                field: "budgetsYuan", code: .mismatch,
                                message:
                                    "\(Label.budgets)合计应等于调整前的合计\(WanAmount.withUnit(approved))，现为\(WanAmount.withUnit(total))"
                            ))
                    }
                } else if found.isEmpty {
                    found.append(
                        Problem(
                            field: "budgetsYuan", code: .outOfBounds,
                            message: "申报书原有的阶段经费预算超出范围，不能调整\(Label.budgets)"))
                }
            }
            problems += found
            if found.isEmpty { part = Part(kind: .budget, budgetsYuan: budgets) }
        case .leader:
            let text = input.leader.map(TextNormalization.trimmed) ?? ""
            let found = TextRules.requiredText(text, maximumLength: leaderLimit, field: "leader", label: Label.leader)
            problems += found
            if found.isEmpty { part = Part(kind: .leader, leader: text) }
        case nil:
            break
        }

        let reason = input.reason.map(TextNormalization.trimmed) ?? ""
        problems += TextRules.requiredText(reason, maximumLength: reasonLimit, field: "reason", label: Label.reason)

        guard problems.isEmpty, let part else { return (nil, nil, problems) }
        return (part, reason, [])
    }

    /// The province's decision: the comment is required when refusing, at most 2000 characters.
    public static func checkDecision(approve: Bool?, comment: String?) -> (comment: String?, problems: [Problem]) {
        var problems: [Problem] = []
        if approve == nil {
            problems.append(Problem(field: "approve", code: .required, message: "请选择同意或不同意"))
        }
        let text = comment.map(TextNormalization.trimmed) ?? ""
        if approve == false, text.isEmpty {
            problems.append(
                Problem(field: "comment", code: .required, message: "不同意变更时请填写\(Label.comment)"))
        }
        problems += TextRules.maximumLength(text, commentLimit, field: "comment", label: Label.comment)
        return (text.isEmpty ? nil : text, problems)
    }

    /// `day` moved `count` months later; the day of the month clamped (2024-02-29 + 12 → 2025-02-28).
    public static func months(_ count: Int, after day: Day) -> Day {
        let total = day.year * 12 + (day.month - 1) + count
        let year = total / 12
        let month = total % 12 + 1
        let last = Day.daysIn(month: month, year: year)
        return Day(year: year, month: month, day: min(day.day, last)) ?? Day.last
    }
}
