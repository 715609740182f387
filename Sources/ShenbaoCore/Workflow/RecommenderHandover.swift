/// The province hands what a recommender holds to another recommender (a recommender deactivated,
/// merged, or unable to act), so no application is stranded.
///
/// Only within one route (推荐渠道) of the guide's 推荐单位 1–3 — the call's `recommenderKinds`,
/// e.g. 各市州科协 with the county associations — so an application keeps the kind of route its
/// applicant chose; and the receiver must be open and, for a territorial one, cover the
/// applicant's division (属地管理), as if the applicant had chosen it.
public enum RecommenderHandover {
    /// The route (one of the guide's 推荐单位 1–3) a kind belongs to; nil when the call lists none.
    public static func route(of kind: RecommenderKind, in routes: [RecommenderKindOption]) -> RecommenderKindOption? {
        routes.first { $0.organizationKinds.contains(kind) }
    }

    /// Whether `target` may receive what `source` holds at all, before looking at each application.
    public static func problems(
        from source: RecommenderFacts, to target: RecommenderFacts?, sameOrganization: Bool,
        routes: [RecommenderKindOption], today: Day
    ) -> [Problem] {
        guard let target else {
            return [Problem(field: field, code: .required, message: "请选择接收移交的推荐单位")]
        }
        if sameOrganization {
            return [Problem(field: field, code: .sameOrganization, message: "接收移交的推荐单位不能是本单位")]
        }
        var problems: [Problem] = []
        let from = route(of: source.kind, in: routes)
        let to = route(of: target.kind, in: routes)
        // Without the call's routes, only the same kind is surely the same route.
        let same = from.map { $0.code == to?.code } ?? (source.kind == target.kind)
        if !same {
            let name = from.map { "“\($0.label)”" } ?? "“\(source.kind.label)”"
            problems.append(
                Problem(
                    field: field, code: .otherRoute,
                    message: "只能移交给同一推荐渠道\(name)的推荐单位，所选单位为\(target.kind.label)"))
        }
        if !target.active {
            problems.append(Problem(field: field, code: .deactivated, message: "所选推荐单位已停用，不能接收移交"))
        }
        if let until = target.sanctionedUntil, until >= today {
            problems.append(
                Problem(
                    field: field, code: .sanctioned, message: "所选推荐单位被取消推荐资格至\(until.chinese)，不能接收移交"))
        }
        return problems
    }

    /// Why one application cannot go to `target` (属地管理), naming it; nil when it can.
    public static func territoryProblem(
        applicant: ApplicantFacts, projectName: String, target: RecommenderFacts, targetName: String,
        divisions: DivisionCatalog, today: Day
    ) -> Problem? {
        let found = RecommendationRoute.problems(
            applicant: applicant, recommender: target, today: today, divisions: divisions)
        guard found.contains(where: { $0.code == "outsideTerritory" || $0.code == "recommenderWithoutDivision" })
        else { return nil }
        let home = applicant.divisionCode.flatMap { divisions.displayName(code: $0) } ?? "不在湖南省的县市区"
        return Problem(
            field: field, code: .outsideTerritory,
            message: "“\(projectName)”的申报单位属地为\(home)，不在\(targetName)的属地范围内（属地管理），不能移交给该单位")
    }

    private static let field = "targetId"
}
