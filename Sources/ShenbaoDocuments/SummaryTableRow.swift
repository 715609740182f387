/// One application as the summary table (form 3) lists it.
public struct SummaryTableRow: Hashable, Sendable {
    /// 申报单位: the organisation's registered full name (机构登记全称).
    public var organizationName: String
    /// 单位性质: 企业, 事业单位, 社团 or 其他 (`OrganizationNature.label`).
    public var nature: String
    /// 项目主要内容, at most `ApplicationRules.summaryContentLimit` characters.
    public var summaryContent: String
    /// 国际与区域科技合作交流基础, at most `ApplicationRules.summaryBasisLimit` characters.
    public var summaryBasis: String
    /// 合作单位: the partners' names as one text, e.g. joined by 、.
    public var partners: String

    public init(
        organizationName: String, nature: String, summaryContent: String, summaryBasis: String, partners: String
    ) {
        self.organizationName = organizationName
        self.nature = nature
        self.summaryContent = summaryContent
        self.summaryBasis = summaryBasis
        self.partners = partners
    }
}
