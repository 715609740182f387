/// What a form tells the person whose data it takes (个人信息保护法 §17): what is collected, why,
/// who sees it and how long it is kept. One text per form, used by its page and quoted by
/// docs/features.md (a test checks they agree), so the notice and what the system does are
/// written once.
public struct PrivacyNotice: Codable, Hashable, Sendable {
    public var title: String
    /// 收集哪些个人信息
    public var collected: String
    /// 用途
    public var purpose: String
    /// 谁能看到
    public var audience: String
    /// 保存多久
    public var retention: String

    public init(title: String, collected: String, purpose: String, audience: String, retention: String) {
        self.title = title
        self.collected = collected
        self.purpose = purpose
        self.audience = audience
        self.retention = retention
    }

    /// The closing sentence every notice shares: erasure after the period, and who to ask.
    static let erasure =
        "期满后由省科协删除（删除后只保留“已删除”标记和办理记录本身）；查询、导出或更正本人信息请联系省科协。"

    /// `/register`: the applicant organisation's first user.
    public static func registration(retention: PersonalDataRetention = .init()) -> PrivacyNotice {
        PrivacyNotice(
            title: "个人信息收集说明（申报单位注册）",
            collected: "联系人姓名、手机号码、电子邮箱、用户名和密码（只保存不可还原的摘要）；单位的法定代表人姓名；每次登录的时间和网络地址。",
            purpose: "核实申报单位，联系申报事宜，发送办理通知，保护账号安全。不用于其他目的，不向第三方提供。",
            audience: "联系人信息只有省科协管理员和系统管理员可见；登录记录由审计管理员查阅；单位信息随申报书交推荐单位、省科协和省财政厅办理。",
            retention: "保存至账号最后一次使用（登录或办理申报）的年度结束后\(retention.years)年。" + erasure)
    }

    /// The public objection form of the notice (公示异议).
    public static func objection(retention: PersonalDataRetention = .init()) -> PrivacyNotice {
        PrivacyNotice(
            title: "个人信息收集说明（公示异议）",
            collected: "异议人姓名或单位名称、联系电话、异议内容。网络地址只用于每小时限次，不与异议一起保存。",
            purpose: "核查异议，必要时与您联系，记录处理结果。",
            audience: "只有省科协管理员可见；公众和申报单位只看到异议的回执号和处理结果，看不到异议人。",
            retention: "保存至公示年度结束后\(retention.years)年。" + erasure)
    }

    /// The province's expert pool form and import (专家库): typed by the province about the expert.
    public static func expertPool(retention: PersonalDataRetention = .init()) -> PrivacyNotice {
        PrivacyNotice(
            title: "个人信息收集说明（专家库，请告知专家本人）",
            collected: "专家姓名、工作单位、职称、专业领域、手机号码、电子邮箱、申明回避的单位；专家账号的用户名和登录记录。",
            purpose: "遴选和分配评审专家，审查回避关系，通知评审任务，专家登录评分。",
            audience: "只有省科协管理员可见（登录和修改记录由审计管理员查阅）；专家本人看到自己的评审任务；申报单位、推荐单位和公众看不到评审专家的身份。",
            retention: "保存至专家入库或最后一次参与评审、登录的年度结束后\(retention.years)年。停用的专家不再被分配，已提交的评审意见保留。"
                + erasure)
    }

    /// Every notice, as docs/features.md lists them.
    public static func all(retention: PersonalDataRetention = .init()) -> [PrivacyNotice] {
        [registration(retention: retention), objection(retention: retention), expertPool(retention: retention)]
    }
}
