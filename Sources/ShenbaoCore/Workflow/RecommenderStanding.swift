/// Whether a recommender may act on the chain today: recommend what it holds onward, or receive
/// what another recommender forwards. A sanction (取消推荐资格3年, through its last day) and a
/// deactivation by the province close both; what an applicant may choose is
/// `RecommendationRoute.problems`.
public enum RecommenderStanding {
    /// Every reason the holder cannot recommend today, on the field `decision`.
    public static func recommendingProblems(_ holder: RecommenderFacts, today: Day) -> [Problem] {
        problems(
            holder, today: today, field: "decision",
            sanctioned: { "本单位因弄虚作假被取消推荐资格至\($0)，期间不能推荐。请退回申报单位改选其他渠道" },
            deactivated: "本单位已被省科协停用，不能推荐。请退回申报单位改选其他渠道，或请省科协移交其他推荐单位")
    }

    /// Every reason `target`, named `name`, cannot receive a recommendation today, on the field
    /// `forwardToId`.
    public static func receivingProblems(_ target: RecommenderFacts, name: String, today: Day) -> [Problem] {
        problems(
            target, today: today, field: "forwardToId",
            sanctioned: { "\(name)被取消推荐资格至\($0)，不能接收推荐。请退回申报单位改选其他渠道" },
            deactivated: "\(name)已被省科协停用，不能接收推荐。请联系省科协，或退回申报单位改选其他渠道")
    }

    /// The two closures of a recommender, each in the words of the side that meets it;
    /// `sanctioned` is given the bar's last day as the guide's readers write it.
    private static func problems(
        _ facts: RecommenderFacts, today: Day, field: String, sanctioned: (String) -> String, deactivated: String
    ) -> [Problem] {
        var problems: [Problem] = []
        if let until = facts.sanctionedUntil, until >= today {
            problems.append(Problem(field: field, code: .sanctioned, message: sanctioned(until.chinese)))
        }
        if !facts.active {
            problems.append(Problem(field: field, code: .deactivated, message: deactivated))
        }
        return problems
    }
}
