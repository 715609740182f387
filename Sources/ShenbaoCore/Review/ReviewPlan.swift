import Foundation

/// One criterion of a review plan (评审方案): its maximum points are its weight, so a review's
/// total is the plain sum of its points.
public struct Criterion: Codable, Hashable, Sendable {
    /// Stable English code, the key of a review's `scores`.
    public var code: String
    /// The Chinese name shown to experts.
    public var name: String
    public var maxPoints: Int

    public init(code: String, name: String, maxPoints: Int) {
        self.code = code
        self.name = name
        self.maxPoints = maxPoints
    }
}

/// How priority conditions (优先考虑条件) count in the ranking.
///
/// The guide says "在同等条件下，优先考虑", so by default they only break ties; the province may
/// instead add a bonus, bounded so it cannot outweigh the experts' judgement.
public enum PriorityRule: Hashable, Sendable {
    /// Between equal scores, more verified conditions rank higher.
    case tieBreak
    /// Up to `max` points added to the score; see ``Ranking`` for how they are earned.
    case bonus(max: Int)
}

/// The review plan of a call: criteria, experts per application and the priority rule.
public struct ReviewPlan: Hashable, Sendable {
    public var criteria: [Criterion]
    public var expertsPerApplication: Int
    public var priorityRule: PriorityRule
    /// The most reviews one expert may be given in this call (评审数量上限); `nil` for no maximum.
    /// An expert's own maximum, on the expert's record, overrides it (``AssignmentInput/cap(of:)``).
    public var maxReviewsPerExpert: Int?

    /// At most this many criteria: a plan is a page of a form, not a list without end.
    public static let criteriaLimit = 20

    /// The criteria of docs/rules.md §7, 100 points in all.
    public static let defaultCriteria: [Criterion] = [
        Criterion(code: "significance", name: "项目意义及与我省重点领域契合度", maxPoints: 20),
        Criterion(code: "internationalization", name: "国际化程度及合作方水平", maxPoints: 20),
        Criterion(code: "trackRecord", name: "合作交流基础", maxPoints: 15),
        Criterion(code: "feasibility", name: "实施方案可行性及团队", maxPoints: 20),
        Criterion(code: "expectedResults", name: "预期成效及成果可视化", maxPoints: 15),
        Criterion(code: "budget", name: "经费预算合理性", maxPoints: 10),
    ]

    /// The sum every plan's maximum points must reach, so scores of all calls read alike.
    public static let totalPoints = 100
    /// Experts per application a plan may ask for.
    public static let expertsRange = 1...15
    /// Bonus points a plan may give for priority conditions.
    public static let bonusRange = 0...10
    /// A maximum of reviews per expert, the plan's or an expert's own.
    public static let maxReviewsRange = 1...500

    public init(
        criteria: [Criterion] = ReviewPlan.defaultCriteria, expertsPerApplication: Int = 5,
        priorityRule: PriorityRule = .tieBreak, maxReviewsPerExpert: Int? = nil
    ) {
        self.criteria = criteria
        self.expertsPerApplication = expertsPerApplication
        self.priorityRule = priorityRule
        self.maxReviewsPerExpert = maxReviewsPerExpert
    }

    /// The problem of a maximum of reviews per expert out of ``maxReviewsRange``, if any.
    public static func maxReviewsProblem(_ value: Int?, field: String, label: String) -> Problem? {
        guard let value, !maxReviewsRange.contains(value) else { return nil }
        return Problem(
            field: field, code: .outOfRange,
            message: "\(label)应为\(maxReviewsRange.lowerBound)至\(maxReviewsRange.upperBound)个项目，现为\(value)个")
    }

    public func criterion(_ code: String) -> Criterion? {
        criteria.first { $0.code == code }
    }

    /// Every problem of the plan at once, with JSON paths of the docs/api.md shape.
    public func problems() -> [Problem] {
        var problems: [Problem] = []
        if criteria.isEmpty {
            problems.append(Problem(field: "criteria", code: .required, message: "评审指标不能为空"))
        } else if criteria.count > Self.criteriaLimit {
            problems.append(
                Problem(
                    field: "criteria", code: .tooMany,
                    message: "评审指标最多\(Self.criteriaLimit)项，现为\(criteria.count)项"))
        }
        var seen: Set<String> = []
        for (index, criterion) in criteria.enumerated() {
            let path = "criteria[\(index)]"
            if criterion.code.isEmpty {
                problems.append(Problem(field: "\(path).code", code: .required, message: "评审指标代码不能为空"))
            } else if !seen.insert(criterion.code).inserted {
                problems.append(
                    Problem(
                        field: "\(path).code", code: .duplicate, message: "评审指标代码“\(criterion.code)”重复"))
            }
            if criterion.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(field: "\(path).name", code: .required, message: "评审指标名称不能为空"))
            }
            if criterion.maxPoints <= 0 {
                problems.append(
                    Problem(field: "\(path).maxPoints", code: .notPositive, message: "评审指标“\(criterion.name)”的分值必须大于0")
                )
            } else if let problem = InputBounds.problem(
                criterion.maxPoints, in: InputBounds.criterionPoints, field: "\(path).maxPoints",
                label: "评审指标“\(criterion.name)”的分值", unit: "分")
            {
                problems.append(problem)
            }
        }
        // Summed only when every criterion is within bounds: Int.max marks must not trap.
        let bounded = criteria.allSatisfy { InputBounds.criterionPoints.contains($0.maxPoints) }
        let total: Int? = bounded ? criteria.reduce(0) { $0 + $1.maxPoints } : nil
        if !criteria.isEmpty, let total, total != Self.totalPoints {
            problems.append(
                Problem(
                    field: "criteria", code: .totalNot100,
                    message: "评审指标分值合计应为\(Self.totalPoints)分，现为\(total)分"))
        }
        if !Self.expertsRange.contains(expertsPerApplication) {
            problems.append(
                Problem(
                    field: "expertsPerApplication", code: .outOfRange,
                    message: "每个项目的评审专家人数应为\(Self.expertsRange.lowerBound)至\(Self.expertsRange.upperBound)人"))
        }
        if let problem = Self.maxReviewsProblem(
            maxReviewsPerExpert, field: "maxReviewsPerExpert", label: "每位专家的评审数量上限")
        {
            problems.append(problem)
        }
        if case .bonus(let max) = priorityRule, !Self.bonusRange.contains(max) {
            problems.append(
                Problem(
                    field: "priorityBonusMax", code: .outOfRange,
                    message: "优先考虑条件加分上限应为\(Self.bonusRange.lowerBound)至\(Self.bonusRange.upperBound)分"))
        }
        return problems
    }

    /// Every problem of one expert's scores: each criterion scored once, within its range.
    public func problems(scores: [String: Int]) -> [Problem] {
        var problems: [Problem] = []
        for criterion in criteria {
            let path = "scores.\(criterion.code)"
            guard let points = scores[criterion.code] else {
                problems.append(Problem(field: path, code: .required, message: "请为“\(criterion.name)”评分"))
                continue
            }
            // Compared, not made a range: a plan's negative marks must not trap (found by the fuzzing test).
            if points < 0 || points > criterion.maxPoints {
                problems.append(
                    Problem(
                        field: path, code: .outOfRange,
                        message: "“\(criterion.name)”的得分应为0至\(criterion.maxPoints)分，现为\(points)分"))
            }
        }
        for code in scores.keys.sorted() where criterion(code) == nil {
            problems.append(Problem(field: "scores.\(code)", code: .unknownCriterion, message: "评审方案中没有指标“\(code)”"))
        }
        return problems
    }

    /// A review's total, the sum of its points, or `nil` when the scores have a problem (or a
    /// plan of unchecked marks makes the sum overflow).
    public func total(of scores: [String: Int]) -> Int? {
        guard problems(scores: scores).isEmpty else { return nil }
        var total = 0
        for criterion in criteria {
            // No problems: every criterion has its points.
            guard let points = scores[criterion.code] else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(points)
            if overflow { return nil }
            total = sum
        }
        return total
    }

}
