/// The two kinds of project of the guide.
public enum Category: String, Codable, CaseIterable, Hashable, Sendable {
    /// 国际科技交流会议项目
    case conference
    /// 国际合作项目（国际与区域合作项目）
    case cooperation
}

/// One category as a call defines it: its quota, budget bounds and the options of its form.
public struct CategoryDefinition: Codable, Hashable, Sendable {
    public var code: Category
    public var label: String
    /// How many projects of this category may be funded.
    public var funded: Bounds
    /// Funding per project, in integer yuan.
    public var amountYuan: Bounds
    /// 合作内容 options exactly as on the category's form; the last is `other` (其他).
    public var cooperationContent: [Option]
    /// 合作领域 options; the last is `other` (其他).
    public var fields: [Option]

    public init(
        code: Category, label: String, funded: Bounds, amountYuan: Bounds,
        cooperationContent: [Option], fields: [Option]
    ) {
        self.code = code
        self.label = label
        self.funded = funded
        self.amountYuan = amountYuan
        self.cooperationContent = cooperationContent
        self.fields = fields
    }
}
