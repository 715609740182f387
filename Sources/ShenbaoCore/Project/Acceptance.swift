import Foundation

/// 验收 and 绩效评价: the province's decision on a project whose final report it has accepted — the
/// opinion, a score out of 100 against the goals the application set, each phase's goal marked as
/// met, partly met or not met, and, for a project not accepted, the day by which it must rectify.
public enum Acceptance {
    public enum GoalMet: String, Codable, CaseIterable, Hashable, Sendable {
        case met, partly, notMet

        public var label: String {
            switch self {
            case .met: "已完成"
            case .partly: "部分完成"
            case .notMet: "未完成"
            }
        }
    }

    public static let scoreBounds = 0...100
    /// A pass below this score contradicts itself (the association's 合格 line).
    public static let passingScore = 60
    /// The longest rectification the province gives, in days.
    public static let rectificationLimitDays = 366

    public enum Label {
        public static let outcome = "验收结论"
        public static let score = "绩效评价得分"
        public static let goals = "目标完成情况"
        public static let rectifyBy = "整改期限"
    }

    /// 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, 不合格 below.
    public static func grade(_ score: Int) -> String {
        switch score {
        case 90...: "优秀"
        case 75..<90: "良好"
        case passingScore..<75: "合格"
        default: "不合格"
        }
    }

    public struct Input: Equatable, Sendable {
        /// true: 验收通过; false: 验收不通过.
        public var passed: Bool?
        public var score: Int?
        public var goals: [String]?
        public var comment: String?
        public var rectifyBy: String?

        public init(
            passed: Bool? = nil, score: Int? = nil, goals: [String]? = nil, comment: String? = nil,
            rectifyBy: String? = nil
        ) {
            self.passed = passed
            self.score = score
            self.goals = goals
            self.comment = comment
            self.rectifyBy = rectifyBy
        }
    }

    public struct Decision: Equatable, Sendable {
        public var passed: Bool
        public var score: Int
        public var goals: [GoalMet]
        public var comment: String
        public var rectifyBy: Day?
    }

    /// Every problem of `input` at once. `phaseCount` is the plan's number of phases (each has a
    /// goal to mark); `today`, the day it is recorded.
    public static func check(_ input: Input, phaseCount: Int, today: Day) -> (Decision?, [Problem]) {
        var problems: [Problem] = []
        if input.passed == nil {
            problems.append(Problem(field: "passed", code: .required, message: "请选择\(Label.outcome)"))
        }
        var score: Int?
        if let value = input.score {
            if let problem = InputBounds.problem(value, in: scoreBounds, field: "score", label: Label.score) {
                problems.append(problem)
            } else {
                score = value
            }
        } else {
            problems.append(TextRules.missing(field: "score", label: Label.score))
        }
        if input.passed == true, let score, score < passingScore {
            problems.append(
                Problem(
                    field: "score", code: .outOfRange,
                    message: "验收通过的项目\(Label.score)不能低于\(passingScore)分，现为\(score)分"))
        }
        let goalCodes = input.goals ?? []
        var goals: [GoalMet] = []
        if goalCodes.count > phaseCount {
            problems.append(
                Problem(
                    field: "goals", code: .tooMany,
                    message: "\(Label.goals)有\(goalCodes.count)项，多于计划的\(phaseCount)个阶段"))
        } else {
            for index in 0..<phaseCount {
                let code = index < goalCodes.count ? goalCodes[index] : ""
                if let met = GoalMet(rawValue: code) {
                    goals.append(met)
                } else if code.isEmpty {
                    problems.append(
                        Problem(field: "goals[\(index)]", code: .required, message: "请选择第\(index + 1)阶段的\(Label.goals)")
                    )
                } else {
                    problems.append(
                        Problem(
                            field: "goals[\(index)]", code: .unknownOption,
                            message: "第\(index + 1)阶段的\(Label.goals)应为已完成、部分完成或未完成"))
                }
            }
        }
        let (comment, commentProblems) = Opinion.acceptance.check(input.comment)
        problems += commentProblems
        var rectifyBy: Day?
        let dayText = TextNormalization.trimmed(input.rectifyBy ?? "")
        if input.passed == false {
            if dayText.isEmpty {
                problems.append(TextRules.missing(field: "rectifyBy", label: Label.rectifyBy))
            } else if let day = Day(dayText) {
                if day <= today || day.ordinal - today.ordinal > rectificationLimitDays {
                    problems.append(
                        Problem(
                            field: "rectifyBy", code: .outOfRange,
                            message: "\(Label.rectifyBy)应在今天（\(today.chinese)）之后的一年内，现为\(day.chinese)"))
                } else {
                    rectifyBy = day
                }
            } else {
                problems.append(
                    Problem(
                        field: "rectifyBy", code: .invalidValue,
                        message: "\(Label.rectifyBy)应为日期（YYYY-MM-DD），现为“\(dayText.prefix(20))”"))
            }
        } else if input.passed == true, !dayText.isEmpty {
            problems.append(
                Problem(field: "rectifyBy", code: .invalidValue, message: "验收通过的项目无需\(Label.rectifyBy)，请清空"))
        }
        guard problems.isEmpty, let passed = input.passed, let score else { return (nil, problems) }
        return (Decision(passed: passed, score: score, goals: goals, comment: comment, rectifyBy: rectifyBy), [])
    }
}
