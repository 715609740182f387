import ShenbaoCore

/// Everything the form prints, already resolved to text by the caller.
///
/// The application form (申报书) of one category: the cover, sections 一 to 四 as the guide's
/// form 1 (国际科技交流会议项目) or form 2 (国际与区域合作项目) lays them out. The options are the
/// call's, passed in so the document prints the same list, in the same order, as the form the
/// applicant filled in; the opinions are whatever the workflow has recorded so far.
public struct ApplicationDocument: Sendable {
    /// One reviewer's opinion in section 四, as it prints.
    public struct Opinion: Sendable {
        /// The reviewing organisation, e.g. 长沙市科学技术协会.
        public var organization: String
        /// The decision, e.g. 同意推荐.
        public var decision: String
        public var comment: String
        /// Who signed (负责人).
        public var signer: String
        /// When, as printed (e.g. 2025年3月1日); empty leaves the blank 年 月 日 of the form.
        public var date: String

        public init(
            organization: String = "", decision: String = "", comment: String = "", signer: String = "",
            date: String = ""
        ) {
            self.organization = organization
            self.decision = decision
            self.comment = comment
            self.signer = signer
            self.date = date
        }
    }

    public var category: Category
    /// The organisation's snapshot: section 一's first block.
    public var organization: OrganizationForm
    public var form: ApplicationForm
    /// The category's 合作内容 options, in form order (the last is 其他).
    public var cooperationOptions: [Option]
    /// 合作领域 options (the last is 其他).
    public var fieldOptions: [Option]
    /// 申报单位意见
    public var applicantOpinion: Opinion?
    /// 推荐单位意见, in the order of the route (county, then city …).
    public var recommenderOpinions: [Opinion]
    /// 省科协审定意见
    public var provinceOpinion: Opinion?
    /// The cover's date (填报日期).
    public var date: Day

    public init(
        category: Category, organization: OrganizationForm, form: ApplicationForm, cooperationOptions: [Option],
        fieldOptions: [Option], applicantOpinion: Opinion? = nil, recommenderOpinions: [Opinion] = [],
        provinceOpinion: Opinion? = nil, date: Day
    ) {
        self.category = category
        self.organization = organization
        self.form = form
        self.cooperationOptions = cooperationOptions
        self.fieldOptions = fieldOptions
        self.applicantOpinion = applicantOpinion
        self.recommenderOpinions = recommenderOpinions
        self.provinceOpinion = provinceOpinion
        self.date = date
    }
}
