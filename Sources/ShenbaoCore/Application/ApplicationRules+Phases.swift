extension ApplicationRules {
    /// The form has four rows; twenty leaves room for a long project without inviting abuse.
    static let phaseLimit = 20

    /// 时间阶段 / 经费预算 / 目标内容: at least one row; each a range of days inside the project
    /// period (its last day included), a positive budget and a goal; no two rows sharing a day.
    static func phaseProblems(_ phases: [Phase]?, project: DayRange?) -> [Problem] {
        let phases = phases ?? []
        if phases.isEmpty {
            return [TextRules.missing(field: "phases", label: "时间阶段、经费预算和目标内容（至少一个阶段）")]
        }
        var problems = countProblems(
            phases, limit: phaseLimit, field: "phases", label: "时间阶段", unit: "个")
        // Containment is only judged against a valid project period: against a broken one every
        // phase would be wrong, and the period's own problem says what to fix.
        var bounds: ClosedRange<Day>?
        if let start = project?.start, let end = project?.end, start < end { bounds = start...end }

        var ranges: [ClosedRange<Day>?] = []
        for (index, phase) in phases.prefix(phaseLimit).enumerated() {
            let name = "第\(index + 1)阶段"
            let path = "phases[\(index)]"
            let start = phase.period?.start
            let end = phase.period?.end
            if start == nil {
                problems.append(TextRules.missing(field: "\(path).period.start", label: "\(name)的开始日期"))
            }
            if end == nil {
                problems.append(TextRules.missing(field: "\(path).period.end", label: "\(name)的结束日期"))
            }
            if let start, let end, end < start {
                problems.append(
                    Problem(
                        field: "\(path).period.end", code: .endBeforeStart,
                        message: "\(name)的结束日期（\(end.chinese)）不能早于开始日期（\(start.chinese)）"))
            }
            if let bounds {
                for (day, part, label) in [(start, "start", "开始日期"), (end, "end", "结束日期")] {
                    guard let day, !bounds.contains(day) else { continue }
                    problems.append(
                        Problem(
                            field: "\(path).period.\(part)", code: .outsidePeriod,
                            message:
                                "\(name)的\(label)（\(day.chinese)）不在项目期限（\(bounds.lowerBound.chinese)至\(bounds.upperBound.chinese)）内"
                        ))
                }
            }
            if let start, let end, start <= end { ranges.append(start...end) } else { ranges.append(nil) }

            if let budget = phase.budgetYuan {
                if budget <= 0 {
                    problems.append(
                        Problem(
                            field: "\(path).budgetYuan", code: .notPositive,
                            message: "\(name)的经费预算应大于0"))
                }
            } else {
                problems.append(TextRules.missing(field: "\(path).budgetYuan", label: "\(name)的经费预算"))
            }
            problems += text(phase.goal, limit: mediumTextLimit, field: "\(path).goal", label: "\(name)的目标内容")
        }
        problems += overlapProblems(ranges)
        return problems
    }

    /// `overlapping` on each later phase that shares a day with earlier ones: phases follow each
    /// other, so a phase ending on 6月30日 and the next starting on 6月30日 overlap.
    static func overlapProblems(_ ranges: [ClosedRange<Day>?]) -> [Problem] {
        var problems: [Problem] = []
        for (index, range) in ranges.enumerated() {
            guard let range else { continue }
            let earlier = ranges.prefix(index).enumerated().compactMap { other, otherRange in
                otherRange.map { $0.overlaps(range) } == true ? String(other + 1) : nil
            }
            guard !earlier.isEmpty else { continue }
            problems.append(
                Problem(
                    field: "phases[\(index)].period.start", code: .overlapping,
                    message:
                        "第\(index + 1)阶段与第\(earlier.joined(separator: "、"))阶段的时间重叠（同一天也算重叠），各阶段的时间不能交叉"
                ))
        }
        return problems
    }

    /// 申请经费, the sum of the phases, within the category's bounds. Only judged once every phase
    /// has a positive budget: a partial sum would report a shortfall the clerk is still typing.
    static func requestedAmountProblems(_ phases: [Phase]?, bounds: Bounds) -> [Problem] {
        let budgets = (phases ?? []).map(\.budgetYuan)
        guard !budgets.isEmpty, budgets.allSatisfy({ ($0 ?? 0) > 0 }) else { return [] }
        // Saturating: a client may send Int.max in two phases, and a sum must not trap.
        var total = 0
        var overflowed = false
        for budget in budgets.compactMap({ $0 }) {
            let (sum, overflow) = total.addingReportingOverflow(budget)
            if overflow {
                overflowed = true
                break
            }
            total = sum
        }
        guard overflowed || !bounds.contains(total) else { return [] }
        let current = overflowed ? "当前合计超出可计算的范围" : "当前合计为\(yuanText(total))"
        return [
            Problem(
                field: "requestedYuan", code: .outOfBounds,
                message: "申请经费（各阶段经费预算合计）应在\(wan(bounds.min))至\(wan(bounds.max))之间，\(current)")
        ]
    }

    /// `49999` as "4.9999万元（49999元）", how the form (万元) and the data (元) both read it.
    static func yuanText(_ yuan: Int) -> String {
        "\(wan(yuan))（\(yuan)元）"
    }

    /// Yuan in 万元 without trailing zeros: 50000 → "5万元", 49999 → "4.9999万元".
    static func wan(_ yuan: Int) -> String { WanAmount.wanText(yuan) + "万元" }

}
