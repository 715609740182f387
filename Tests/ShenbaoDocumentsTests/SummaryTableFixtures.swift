import ShenbaoDocuments

/// Rows like a city association's real table: long texts with line breaks, markup characters,
/// a full 300-字 and 400-字 summary, and the four natures of the guide.
enum SummaryTableFixtures {
    static let fillingOrganization = "长沙市科学技术协会"
    static let title = "2025年度国际与区域科技交流类项目申报汇总表"

    static let rows = [
        SummaryTableRow(
            organizationName: "湖南大学",
            nature: "事业单位",
            summaryContent: "举办第三届中非新能源材料国际研讨会，邀请来自南非、埃及、肯尼亚等国的专家20名。\n会期两天，设主论坛与三个分论坛。",
            summaryBasis: "与南非开普敦大学合作十年，联合培养博士12名；设有国际合作办公室，专职人员3名。",
            partners: "南非开普敦大学、埃及开罗大学"),
        SummaryTableRow(
            organizationName: "湖南<某某>科技有限公司 & 研究院",
            nature: "企业",
            summaryContent: String(repeating: "赴德国开展智能制造技术交流，", count: 21) + "开展联合考察",
            summaryBasis: String(repeating: "企业设有海外联络部", count: 44) + "负责对接",
            partners: "Fraunhofer-Gesellschaft \"IPA\""),
        SummaryTableRow(
            organizationName: "湖南省生物医学工程学会", nature: "社团", summaryContent: "康复工程国际培训班。",
            summaryBasis: "学会国际工作委员会已运行五年。", partners: "香港理工大学"),
        SummaryTableRow(
            organizationName: "湘潭市海智工作站", nature: "其他", summaryContent: "  海外人才创新创业大赛湘潭赛区。\r\n",
            summaryBasis: "工作站已引进海外项目8个。", partners: "—"),
    ]
}
