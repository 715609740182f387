/// 立项通知书: the province's letter to the unit of a funded project, from the project's facts.
/// The obligations are the guide's commitment (接受监督、审计和评估) and what follows from it: the
/// agreement before any payment, the reports, changes only when approved, the money for the
/// project only.
public enum AwardLetter {
    public struct Content: Equatable, Sendable {
        public var title: String
        public var addressee: String
        public var paragraphs: [String]
        public var issuer: String
        public var date: Day
    }

    public static func content(_ facts: ProjectFacts) -> Content {
        Content(
            title: "立项通知书",
            addressee: "\(facts.organization)：",
            paragraphs: [
                "经组织申报、推荐、形式审查、专家评审、会议审议和公示，你单位申报的“\(facts.projectName)”（申报编号：\(facts.applicationNumber)）获准立项，列入\(facts.programme)\(facts.categoryLabel)。现将有关事项通知如下：",
                "一、资助金额：\(facts.amountWan)万元。",
                "二、项目执行期：\(facts.periodText)。",
                "三、请登录申报系统下载项目任务书，核对申报书所列的实施计划、经费安排和预期目标，由项目负责人签字、单位盖章后扫描上传；项目任务书经省科协确认后项目开始执行，经费按项目任务书拨付。",
                "四、项目执行中须按要求报送中期报告和总结报告，如实填报经费决算，接受省科协的监督、审计和评估。项目内容、合作方、执行期、经费安排或项目负责人确需变更的，须事先提出申请，经批准后方可变更。",
                "五、项目经费须专款专用，不得挪作他用。",
            ],
            issuer: facts.issuer, date: facts.publishedOn)
    }
}
