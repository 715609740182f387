/// Whether a recommender may act on the chain today: recommend what it holds onward, or receive
/// what another recommender forwards. A sanction (取消推荐资格3年, through its last day) and a
/// deactivation by the province close both; what an applicant may choose is
/// `RecommendationRoute.problems`.
public enum RecommenderStanding {
    /// Every reason the holder cannot recommend today, on the field `decision`.
    public static func recommendingProblems(_ holder: RecommenderFacts, today: Day) -> [Problem] {
        var problems: [Problem] = []
        if let until = holder.sanctionedUntil, until >= today {
            problems.append(
                Problem(
                    field: "decision", code: .sanctioned,
                    message: "本单位因弄虚作假被取消推荐资格至\(until.chinese)，期间不能推荐。请退回申报单位改选其他渠道"))
        }
        if !holder.active {
            problems.append(
                Problem(
                    field: "decision", code: .deactivated,
                    message: "本单位已被省科协停用，不能推荐。请退回申报单位改选其他渠道，或请省科协移交其他推荐单位"))
        }
        return problems
    }

    /// Every reason `target`, named `name`, cannot receive a recommendation today, on the field
    /// `forwardToId`.
    public static func receivingProblems(_ target: RecommenderFacts, name: String, today: Day) -> [Problem] {
        var problems: [Problem] = []
        if let until = target.sanctionedUntil, until >= today {
            problems.append(
                Problem(
                    field: "forwardToId", code: .sanctioned,
                    message: "\(name)被取消推荐资格至\(until.chinese)，不能接收推荐。请退回申报单位改选其他渠道"))
        }
        if !target.active {
            problems.append(
                Problem(
                    field: "forwardToId", code: .deactivated,
                    message: "\(name)已被省科协停用，不能接收推荐。请联系省科协，或退回申报单位改选其他渠道"))
        }
        return problems
    }
}
