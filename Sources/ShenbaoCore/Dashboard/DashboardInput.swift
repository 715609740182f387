/// One application as the dashboards count it: what it is grouped by and what it asks for.
///
/// The server fills it from the rows it may show the user; every label the call does not define
/// (the city, the recommender) comes ready to print, so the dashboard needs no lookup of its own.
public struct DashboardInput: Hashable, Sendable {
    public var category: Category
    /// 合作领域 codes; an application with several fields counts in each.
    public var fieldCodes: [String]
    /// The applicant's city (市州) code, and the name to print for it: nil when unknown.
    public var cityCode: String?
    public var cityName: String?
    /// 申报单位类别, a code of the call's `applicantKinds`.
    public var applicantKind: String?
    /// The recommender the applicant submitted to.
    public var recommenderName: String?
    public var status: ApplicationStatus
    /// Whether the application once stood at the province. The status alone can't say it for an
    /// application the province refused or the applicant withdrew from there.
    public var reachedProvince: Bool
    public var requestedYuan: Int?
    /// What the meeting decided to fund, when it decided to.
    public var fundedYuan: Int?
    /// The answers to the call's extra questions (补充信息), by question code: what the
    /// dashboard's filters match (DashboardFilter).
    public var answers: [String: Answer]
    /// A closed project whose last acceptance decision was a pass (the status alone says 已结题).
    public var passedAcceptance: Bool

    public init(
        category: Category, fieldCodes: [String] = [], cityCode: String? = nil, cityName: String? = nil,
        applicantKind: String? = nil, recommenderName: String? = nil, status: ApplicationStatus,
        reachedProvince: Bool = false, requestedYuan: Int? = nil, fundedYuan: Int? = nil,
        answers: [String: Answer] = [:], passedAcceptance: Bool = false
    ) {
        self.category = category
        self.fieldCodes = fieldCodes
        self.cityCode = cityCode
        self.cityName = cityName
        self.applicantKind = applicantKind
        self.recommenderName = recommenderName
        self.status = status
        self.reachedProvince = reachedProvince
        self.requestedYuan = requestedYuan
        self.fundedYuan = fundedYuan
        self.answers = answers
        self.passedAcceptance = passedAcceptance
    }
}
