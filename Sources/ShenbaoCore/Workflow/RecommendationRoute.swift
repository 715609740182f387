/// What the route rules need to know of an applicant organisation.
public struct ApplicantFacts: Hashable, Sendable {
    /// 属地, a GB/T 2260 code; nil or outside Hunan for a national society registered elsewhere.
    public var divisionCode: String?
    /// 申报单位类别, a code of the call's `applicantKinds`. The 2025 guide ties no route to an
    /// applicant kind, so no rule reads it yet; it is here for a later call that does.
    public var applicantKind: String?

    public init(divisionCode: String? = nil, applicantKind: String? = nil) {
        self.divisionCode = divisionCode
        self.applicantKind = applicantKind
    }
}

/// What the route rules need to know of a recommender organisation.
public struct RecommenderFacts: Hashable, Sendable {
    public var kind: RecommenderKind
    /// The county or city of a territorial recommender; others may have one, it doesn't matter.
    public var divisionCode: String?
    /// The last day of a sanction (取消推荐资格3年), inclusive; nil when not sanctioned.
    public var sanctionedUntil: Day?
    /// False once the province deactivated it: like a sanction without an end.
    public var active: Bool

    public init(kind: RecommenderKind, divisionCode: String? = nil, sanctionedUntil: Day? = nil, active: Bool = true) {
        self.kind = kind
        self.divisionCode = divisionCode
        self.sanctionedUntil = sanctionedUntil
        self.active = active
    }
}

/// The recommendation chain of the guide's 申报程序 (docs/rules.md §5): to whom an applicant may
/// submit, and where a recommender sends what it recommends.
///
/// - A county association (县（市、区）科协) receives the applicants of its own county and
///   forwards to its city's association: the province accepts nothing directly from a county.
/// - A city association (市州科协) receives the applicants of its city, the city itself or any of
///   its counties (属地管理), and sends to the province.
/// - Provincial societies, university and enterprise (park) associations and national societies
///   receive any applicant and send to the province. The guide restricts none of them by
///   applicant kind: it lists the applicant kinds (申报单位 1–6) and the recommender kinds (推荐单位
///   1–3) separately and only ties the city and county routes to territory, so a national society
///   (国家级学会) may go through a 全国学会 or any provincial body, and is only kept off the
///   territorial routes when it lies outside Hunan (it is in no county or city of Hunan then).
/// - A sanctioned recommender (弄虚作假, 取消该单位推荐资格3年) receives nothing until its sanction
///   ends; applicants choose another route.
/// - A recommender the province deactivated receives nothing until it is activated again.
public enum RecommendationRoute {
    /// Where a recommendation goes next.
    public enum NextStep: Hashable, Sendable {
        /// To the city association of this division code.
        case city(String)
        /// To the province.
        case province
    }

    /// Every reason this applicant may not submit to this recommender (empty = allowed), in
    /// Chinese, on the field `recommenderId`.
    public static func problems(
        applicant: ApplicantFacts, recommender: RecommenderFacts, today: Day, divisions: DivisionCatalog
    ) -> [Problem] {
        var problems: [Problem] = []
        if !recommender.active {
            problems.append(
                Problem(
                    field: field, code: .deactivated, message: "该推荐单位已停用，不再接收申报，请选择其他推荐渠道"))
        }
        if let until = recommender.sanctionedUntil, until >= today {
            problems.append(
                Problem(
                    field: field, code: .sanctioned,
                    message: "该推荐单位已被取消推荐资格，期限至\(until.chinese)，在此之前不能接收申报，请选择其他推荐渠道"))
        }
        if recommender.kind.isTerritorial {
            problems += territoryProblems(applicant: applicant, recommender: recommender, divisions: divisions)
        }
        return problems
    }

    /// Where a recommender sends what it recommends: `.city(code)` for a county, `.province`
    /// otherwise.
    ///
    /// A county's city comes from the catalog, or from the nesting of GB/T 2260 codes (`430104` is
    /// in `430100`) for a code the catalog lacks. A county without a division code, which no
    /// seeded county is and which `problems` refuses as a target, gives `.city("")`: the caller
    /// finds no such city association and says so, rather than sending it to the province, which
    /// never takes a county's recommendation.
    public static func next(after recommender: RecommenderFacts, divisions: DivisionCatalog) -> NextStep {
        guard recommender.kind == .county else { return .province }
        guard let code = recommender.divisionCode else { return .city("") }
        if let city = divisions.prefecture(of: code) { return .city(city.code) }
        return .city(String(code.prefix(4)) + "00")
    }

    private static let field = "recommenderId"

    /// 属地管理: a county takes its county's applicants, a city those of the city and its counties.
    private static func territoryProblems(
        applicant: ApplicantFacts, recommender: RecommenderFacts, divisions: DivisionCatalog
    ) -> [Problem] {
        let level = recommender.kind == .county ? "县（市、区）" : "市州"
        guard let territory = recommender.divisionCode, let territoryDivision = divisions.division(code: territory)
        else {
            return [
                Problem(
                    field: field, code: .recommenderWithoutDivision,
                    message: "该\(level)科协未登记所属行政区划，暂不能接收申报，请联系省科协或选择其他推荐渠道")
            ]
        }
        let territoryName = divisions.displayName(code: territory) ?? territoryDivision.name
        guard let home = applicant.divisionCode, let homeDivision = divisions.division(code: home) else {
            return [
                Problem(
                    field: field, code: .outsideTerritory,
                    message:
                        "\(territoryName)科协只接收所在地为\(territoryName)的申报单位；贵单位的属地不在湖南省的县（市、区），请选择省级学会、高校、企业（园区）科协或全国学会推荐"
                )
            ]
        }
        let inside =
            switch recommender.kind {
            case .county: home == territory
            default: home == territory || divisions.prefecture(of: home)?.code == territory
            }
        guard !inside else { return [] }
        let homeName = divisions.displayName(code: home) ?? homeDivision.name
        let route =
            recommender.kind == .county
            ? "请选择所在县（市、区）或所在市州的科协"
            : "请选择所在市州的科协"
        return [
            Problem(
                field: field, code: .outsideTerritory,
                message:
                    "按照属地管理原则，\(territoryName)科协只接收本\(recommender.kind == .county ? "县（市、区）" : "市州")的申报单位，贵单位属地为\(homeName)，\(route)，或选择省级学会、高校、企业（园区）科协推荐"
            )
        ]
    }
}
