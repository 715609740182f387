import Foundation
import ShenbaoCore
import Vapor

/// The review plan as stored and as the API shows it (docs/api.md), around Core's ``ReviewPlan``:
/// panels per category, the experts' deadline and the call's total budget travel with it, so
/// finance approves them together.
struct ReviewPlanDocument: Content, Hashable {
    var criteria: [Criterion]
    var expertsPerApplication: Int
    /// `tieBreak` or `bonus`.
    var priorityRule: String
    var priorityBonusMax: Int?
    /// Expert ids per category code; a category without a list is reviewed by the whole pool.
    var panels: [String: [UUID]]?
    /// The last day for experts' scores (YYYY-MM-DD).
    var reviewDeadline: String?
    /// The money the meeting may award in all, in yuan.
    var totalBudgetYuan: Int
    /// The most reviews one expert may be given (评审数量上限); absent for no maximum. An
    /// expert's own maximum (专家库) overrides it.
    var maxReviewsPerExpert: Int?

    /// 20 projects at an average of 150,000 yuan: a starting point the province replaces.
    static let defaultTotalBudgetYuan = 3_000_000

    static let defaults = ReviewPlanDocument(
        criteria: ReviewPlan.defaultCriteria, expertsPerApplication: 5, priorityRule: "tieBreak",
        priorityBonusMax: nil, panels: nil, reviewDeadline: nil, totalBudgetYuan: defaultTotalBudgetYuan)

    /// What a `PUT` may send: any field left out keeps its default.
    struct Input: Content {
        var criteria: [Criterion]?
        var expertsPerApplication: Int?
        var priorityRule: String?
        var priorityBonusMax: Int?
        var panels: [String: [UUID]]?
        var reviewDeadline: String?
        var totalBudgetYuan: Int?
        var maxReviewsPerExpert: Int?

        var document: ReviewPlanDocument {
            ReviewPlanDocument(
                criteria: criteria ?? ReviewPlan.defaultCriteria, expertsPerApplication: expertsPerApplication ?? 5,
                priorityRule: priorityRule ?? "tieBreak", priorityBonusMax: priorityBonusMax,
                panels: panels, reviewDeadline: reviewDeadline,
                totalBudgetYuan: totalBudgetYuan ?? ReviewPlanDocument.defaultTotalBudgetYuan,
                maxReviewsPerExpert: maxReviewsPerExpert)
        }
    }

    var rule: PriorityRule {
        priorityRule == "bonus" ? .bonus(max: priorityBonusMax ?? 0) : .tieBreak
    }

    var core: ReviewPlan {
        ReviewPlan(
            criteria: criteria, expertsPerApplication: expertsPerApplication, priorityRule: rule,
            maxReviewsPerExpert: maxReviewsPerExpert)
    }

    var deadline: Day? { reviewDeadline.flatMap(Day.init) }

    /// The experts on `category`'s panel, given the whole pool.
    func panel(_ category: ShenbaoCore.Category, pool: [UUID]) -> [UUID] {
        panels?[category.rawValue] ?? pool
    }

    /// Every problem at once: Core's plan rules, then what only the server knows.
    func problems(call: CallDefinition, pool: Set<UUID>) -> [Problem] {
        var problems = core.problems()
        if !["tieBreak", "bonus"].contains(priorityRule) {
            problems.append(
                Problem(
                    field: "priorityRule", code: .invalidValue,
                    message: "优先考虑条件的计分方式应为同分优先（tieBreak）或加分（bonus）"))
        } else if priorityRule == "bonus", priorityBonusMax == nil {
            problems.append(Problem(field: "priorityBonusMax", code: .required, message: "选择加分方式时请填写加分上限"))
        }
        for (code, experts) in (panels ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let category = ShenbaoCore.Category(rawValue: code), call.category(category) != nil else {
                problems.append(Problem(field: "panels.\(code)", code: .unknownCategory, message: "没有“\(code)”这一项目类别"))
                continue
            }
            let unknown = experts.filter { !pool.contains($0) }
            if !unknown.isEmpty {
                problems.append(
                    Problem(
                        field: "panels.\(code)", code: .unknownExpert,
                        message: "\(FormTexts.categoryLabel(category))评审组中有\(unknown.count)位专家不在专家库中"))
            }
            if Set(experts).count < expertsPerApplication {
                problems.append(
                    Problem(
                        field: "panels.\(code)", code: .panelTooSmall,
                        message:
                            "\(FormTexts.categoryLabel(category))评审组只有\(Set(experts).count)位专家，少于每个项目的\(expertsPerApplication)位"
                    ))
            }
        }
        if let raw = reviewDeadline, !raw.isEmpty, Day(raw) == nil {
            problems.append(Problem(field: "reviewDeadline", code: .invalidValue, message: "评审截止日期应为 YYYY-MM-DD"))
        }
        if totalBudgetYuan <= 0 {
            problems.append(Problem(field: "totalBudgetYuan", code: .notPositive, message: "资助总预算必须大于0万元"))
        } else if let problem = InputBounds.problem(
            totalBudgetYuan, in: InputBounds.totalBudgetYuan, field: "totalBudgetYuan", label: "资助总预算", unit: "元")
        {
            problems.append(problem)
        } else if totalBudgetYuan < call.categories.map(\.amountYuan.min).min() ?? 0 {
            problems.append(
                Problem(
                    field: "totalBudgetYuan", code: .tooSmall,
                    message: "资助总预算\(WanAmount.withUnit(totalBudgetYuan))不足以资助一个项目"))
        }
        return problems
    }
}
