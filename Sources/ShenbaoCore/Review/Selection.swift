import Foundation

/// The selection the system suggests to the meeting (会议审议), and the check of a hand-made one.
///
/// Maximums (per-category quota, total 20, 200,000 yuan a project, the total budget) are hard
/// limits; falling short of a minimum (3 conference, 7 cooperation, 8 in all) is only a warning,
/// because funding weak projects to fill a quota is worse than funding fewer (docs/rules.md §7).
public enum Selection {
    /// The limits of a call that a selection must respect.
    public struct Bounds: Hashable, Sendable {
        /// Projects funded per category.
        public var funded: [Category: ShenbaoCore.Bounds]
        /// Yuan per project, per category.
        public var amountYuan: [Category: ShenbaoCore.Bounds]
        /// Projects funded over both categories.
        public var totalFunded: ShenbaoCore.Bounds
        /// The money available, in yuan.
        public var totalBudgetYuan: Int

        public init(
            funded: [Category: ShenbaoCore.Bounds], amountYuan: [Category: ShenbaoCore.Bounds],
            totalFunded: ShenbaoCore.Bounds, totalBudgetYuan: Int
        ) {
            self.funded = funded
            self.amountYuan = amountYuan
            self.totalFunded = totalFunded
            self.totalBudgetYuan = totalBudgetYuan
        }

        /// The limits of `call` with the budget the province has.
        public init(call: CallDefinition, totalBudgetYuan: Int) {
            var funded: [Category: ShenbaoCore.Bounds] = [:]
            var amount: [Category: ShenbaoCore.Bounds] = [:]
            for category in call.categories {
                funded[category.code] = category.funded
                amount[category.code] = category.amountYuan
            }
            self.init(
                funded: funded, amountYuan: amount, totalFunded: call.totalFunded, totalBudgetYuan: totalBudgetYuan)
        }
    }

    /// A ranked application with its request and finance's opinion.
    public struct Candidate: Hashable, Sendable {
        public var applicationID: UUID
        public var category: Category
        /// Its rank within its category, 1 the best.
        public var rank: Int
        public var scoreHundredths: Int
        public var requestedYuan: Int
        /// The most finance agrees to (财政审核意见); `nil` when finance did not reduce it.
        public var financeCapYuan: Int?

        public init(
            applicationID: UUID, category: Category, rank: Int, scoreHundredths: Int, requestedYuan: Int,
            financeCapYuan: Int? = nil
        ) {
            self.applicationID = applicationID
            self.category = category
            self.rank = rank
            self.scoreHundredths = scoreHundredths
            self.requestedYuan = requestedYuan
            self.financeCapYuan = financeCapYuan
        }

        /// The most this project may get: its request, reduced by finance.
        public var ceilingYuan: Int { min(requestedYuan, financeCapYuan ?? requestedYuan) }
    }

    /// One decision of the meeting, in the docs/api.md shape.
    public struct Decision: Hashable, Sendable {
        public var applicationID: UUID
        public var funded: Bool
        public var amountYuan: Int?

        public init(applicationID: UUID, funded: Bool, amountYuan: Int?) {
            self.applicationID = applicationID
            self.funded = funded
            self.amountYuan = amountYuan
        }
    }

    /// A suggested decision and why, in Chinese.
    public struct Choice: Hashable, Sendable {
        public var decision: Decision
        public var reason: String
    }

    /// What is wrong with a set of decisions: refusals break a maximum, warnings a minimum.
    public struct Review: Hashable, Sendable {
        public var problems: [Problem]
        public var warnings: [Problem]
    }

    /// Suggests decisions for every candidate.
    ///
    /// First each category's best candidates up to its minimum, in rank order; then the remaining
    /// ones by score (ties by rank, then category order), while the category maximum, the total
    /// maximum and the budget allow. Each amount is the request reduced by finance, lowered to the
    /// category maximum; a ceiling below the category minimum cannot be funded. A candidate the
    /// budget cannot fit is passed over, and a cheaper one after it may still be taken.
    public static func suggest(_ candidates: [Candidate], bounds: Bounds) -> [Choice] {
        let ordered = candidates.sorted { ($0.category.sortIndex, $0.rank) < ($1.category.sortIndex, $1.rank) }
        var firstRound: [Candidate] = []
        for category in Category.allCases {
            let minimum = bounds.funded[category]?.min ?? 0
            firstRound += ordered.filter { $0.category == category }.prefix(minimum)
        }
        let taken = Set(firstRound.map(\.applicationID))
        let secondRound = ordered.filter { !taken.contains($0.applicationID) }.sorted {
            ($1.scoreHundredths, $0.rank, $0.category.sortIndex) < ($0.scoreHundredths, $1.rank, $1.category.sortIndex)
        }
        var fundedPerCategory: [Category: Int] = [:]
        var fundedTotal = 0
        var spent = 0
        var choices: [UUID: Choice] = [:]
        for candidate in firstRound + secondRound {
            let category = candidate.category
            let name = Assignment.label(category)
            let amountBounds = bounds.amountYuan[category] ?? ShenbaoCore.Bounds(min: 0, max: Int.max)
            func refuse(_ reason: String) {
                choices[candidate.applicationID] = Choice(
                    decision: Decision(applicationID: candidate.applicationID, funded: false, amountYuan: nil),
                    reason: reason)
            }
            let ceiling = candidate.ceilingYuan
            if ceiling < amountBounds.min {
                refuse(
                    candidate.financeCapYuan.map { $0 < candidate.requestedYuan } == true
                        ? "财务核减后金额\(w(ceiling))低于每项最低\(w(amountBounds.min))，不予资助"
                        : "申请经费\(w(ceiling))低于每项最低\(w(amountBounds.min))，不予资助")
                continue
            }
            if let maximum = bounds.funded[category]?.max, fundedPerCategory[category, default: 0] >= maximum {
                refuse("\(name)已达资助上限\(maximum)项")
                continue
            }
            if fundedTotal >= bounds.totalFunded.max {
                refuse("资助项目总数已达上限\(bounds.totalFunded.max)项")
                continue
            }
            let amount = min(ceiling, amountBounds.max)
            if spent + amount > bounds.totalBudgetYuan {
                refuse("剩余预算\(w(bounds.totalBudgetYuan - spent))不足以资助\(w(amount))")
                continue
            }
            fundedPerCategory[category, default: 0] += 1
            fundedTotal += 1
            spent += amount
            var reason = "\(name)排名第\(candidate.rank)，建议资助\(w(amount))"
            if amount < candidate.requestedYuan {
                reason +=
                    amount == candidate.financeCapYuan
                    ? "（按财务意见核减，申请\(w(candidate.requestedYuan))）"
                    : "（申请\(w(candidate.requestedYuan))，超过每项上限\(w(amountBounds.max))）"
            }
            choices[candidate.applicationID] = Choice(
                decision: Decision(applicationID: candidate.applicationID, funded: true, amountYuan: amount),
                reason: reason)
        }
        return ordered.compactMap { choices[$0.applicationID] }
    }

    /// Checks hand-made decisions against every limit, naming each broken rule.
    public static func problems(decisions: [Decision], candidates: [Candidate], bounds: Bounds) -> Review {
        var problems: [Problem] = []
        var warnings: [Problem] = []
        let byID = Dictionary(candidates.map { ($0.applicationID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<UUID> = []
        var fundedPerCategory: [Category: Int] = [:]
        var fundedTotal = 0
        var spent = 0
        for (index, decision) in decisions.enumerated() {
            let path = "decisions[\(index)]"
            let project = "申报项目\(decision.applicationID.uuidString)"
            guard let candidate = byID[decision.applicationID] else {
                problems.append(
                    Problem(field: "\(path).applicationId", code: .unknownApplication, message: "\(project)不在评审排名中"))
                continue
            }
            guard seen.insert(decision.applicationID).inserted else {
                problems.append(
                    Problem(field: "\(path).applicationId", code: .duplicate, message: "\(project)的决定重复"))
                continue
            }
            guard decision.funded else { continue }
            fundedPerCategory[candidate.category, default: 0] += 1
            fundedTotal += 1
            guard let amount = decision.amountYuan else {
                problems.append(
                    Problem(field: "\(path).amountYuan", code: .required, message: "\(project)拟资助，须填写资助金额"))
                continue
            }
            let field = "\(path).amountYuan"
            if let problem = InputBounds.problem(
                amount, in: InputBounds.amountYuan, field: field, label: "\(project)资助金额", unit: "元")
            {
                problems.append(problem)
                continue
            }
            spent += amount
            if let amountBounds = bounds.amountYuan[candidate.category] {
                if amount > amountBounds.max {
                    problems.append(
                        Problem(
                            field: field, code: .amountAboveMaximum,
                            message: "\(project)资助金额\(w(amount))超过每项上限\(w(amountBounds.max))"))
                }
                if amount < amountBounds.min {
                    problems.append(
                        Problem(
                            field: field, code: .amountBelowMinimum,
                            message: "\(project)资助金额\(w(amount))低于每项最低\(w(amountBounds.min))"))
                }
            }
            if amount > candidate.requestedYuan {
                problems.append(
                    Problem(
                        field: field, code: .amountAboveRequest,
                        message: "\(project)资助金额\(w(amount))超过申请经费\(w(candidate.requestedYuan))"))
            }
            if let cap = candidate.financeCapYuan, amount > cap {
                problems.append(
                    Problem(
                        field: field, code: .amountAboveFinanceCap,
                        message: "\(project)资助金额\(w(amount))超过财务核减后金额\(w(cap))"
                    ))
            }
        }
        for category in Category.allCases {
            let count = fundedPerCategory[category, default: 0]
            guard let funded = bounds.funded[category] else { continue }
            let name = Assignment.label(category)
            if count > funded.max {
                problems.append(
                    Problem(
                        field: "decisions", code: .categoryQuotaExceeded,
                        message: "\(name)拟资助\(count)项，超过上限\(funded.max)项"))
            } else if count < funded.min {
                warnings.append(
                    Problem(
                        field: "decisions", code: .categoryQuotaShort,
                        message: "\(name)拟资助\(count)项，少于指南的\(funded.min)项"))
            }
        }
        if fundedTotal > bounds.totalFunded.max {
            problems.append(
                Problem(
                    field: "decisions", code: .totalQuotaExceeded,
                    message: "拟资助项目共\(fundedTotal)项，超过上限\(bounds.totalFunded.max)项"))
        } else if fundedTotal < bounds.totalFunded.min {
            warnings.append(
                Problem(
                    field: "decisions", code: .totalQuotaShort,
                    message: "拟资助项目共\(fundedTotal)项，少于指南的\(bounds.totalFunded.min)项"))
        }
        if spent > bounds.totalBudgetYuan {
            problems.append(
                Problem(
                    field: "decisions", code: .budgetExceeded,
                    message: "资助金额合计\(w(spent))，超过总预算\(w(bounds.totalBudgetYuan))"))
        }
        return Review(problems: problems, warnings: warnings)
    }
}

extension Category {
    /// Conference first, as the guide lists them.
    fileprivate var sortIndex: Int { Category.allCases.firstIndex(of: self) ?? Category.allCases.count }
}

/// Amounts in messages read in 万元, as on every page.
private func w(_ yuan: Int) -> String { WanAmount.withUnit(yuan) }
