import ShenbaoCore

/// Everything the form prints, already resolved to text by the caller.
///
/// The application form (申报书) of one category: the cover, sections 一 to 四 as the guide's
/// form 1 (国际科技交流会议项目) or form 2 (国际与区域合作项目) lays them out. The options are the
/// call's, passed in so the document prints the same list, in the same order, as the form the
/// applicant filled in. Section 四 carries only what `ReviewOpinions` lets it: the recommenders'
/// final opinions and, once published, the province's decision; its seal and signature lines are
/// always left blank for the people who sign.
public struct ApplicationDocument: Sendable {
    /// One recommender's final opinion in section 四, as it prints.
    public struct Opinion: Sendable {
        /// The recommending organisation, e.g. 长沙市科学技术协会.
        public var organization: String
        /// The decision, e.g. 推荐.
        public var decision: String
        public var comment: String

        public init(organization: String = "", decision: String = "", comment: String = "") {
            self.organization = organization
            self.decision = decision
            self.comment = comment
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
    /// 推荐单位意见, in the order of the route (county, then city …).
    public var recommenderOpinions: [Opinion]
    /// 省科协审定意见 once the decision is published (立项，资助金额…万元 / 不予立项); nil leaves it blank.
    public var provinceDecision: String?
    /// The forms' edition under 湖南省科学技术协会制, e.g. 2025年2月: the call's, not the day printed.
    public var edition: String
    /// 申报编号 in the cover's header once the application has one.
    public var number: String?
    /// The call's extra questions and their answers, printed after the form as 补充信息; empty
    /// when the call asks none (the official form alone).
    public var supplement: [Supplement]

    public struct Supplement: Hashable, Sendable {
        public var question: String
        public var answer: String

        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    public init(
        category: Category, organization: OrganizationForm, form: ApplicationForm, cooperationOptions: [Option],
        fieldOptions: [Option], recommenderOpinions: [Opinion] = [], provinceDecision: String? = nil,
        edition: String, number: String? = nil, supplement: [Supplement] = []
    ) {
        self.category = category
        self.organization = organization
        self.form = form
        self.cooperationOptions = cooperationOptions
        self.fieldOptions = fieldOptions
        self.recommenderOpinions = recommenderOpinions
        self.provinceDecision = provinceDecision
        self.edition = edition
        self.number = number
        self.supplement = supplement
    }
}
