import ShenbaoCore
import ShenbaoDocuments
import ShenbaoTestSupport

/// Filled application forms of both categories, with the call's own options, as the server
/// resolves them for the document.
enum ApplicationDocumentFixtures {
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("not a day: \(text)") }
        return day
    }

    /// The category as the 2025 call defines it, with the options of its form.
    static func definition(_ code: Category) throws -> CategoryDefinition {
        guard let category = try CallDefinition.guide2025().category(code) else {
            throw ExternalToolError(description: "the 2025 call has no category \(code)")
        }
        return category
    }

    static let organization = OrganizationForm(
        name: "湖南大学", uscc: "12430000444885245Q", legalRepresentative: "段献忠", address: "湖南省长沙市岳麓区麓山南路2号",
        postalCode: "410082", phone: "0731-88821234", nature: "institution", applicantKind: "university",
        divisionCode: "430104",
        bankAccount: BankAccountForm(
            accountName: "湖南大学", bankName: "中国工商银行长沙岳麓山支行", accountNumber: "1901008709024900123"))

    /// The shared complete conference form, with what the document's tests are about made
    /// visible: partners in three places (a region among them), an "other" option beside a
    /// listed one, two fields, texts of several lines, and phases in fractions of 万元.
    static let conferenceForm: ApplicationForm = {
        var form = CompleteApplication.conference()
        form.cooperationBasis = "与南非开普敦大学合作十年，联合培养博士12名。\n设有国际合作办公室，专职人员3名。"
        form.partners = [
            Partner(name: "开普敦大学", countryOrRegion: "ZA"), Partner(name: "开罗大学", countryOrRegion: "EG"),
            Partner(name: "香港理工大学", countryOrRegion: "HK"),
        ]
        form.cooperationContent = Choices(codes: ["hostSymposium", "other"], other: "联合发布研究报告")
        form.fields = Choices(codes: ["newEnergy", "newMaterials"])
        form.mainContent = "举办为期两天的国际研讨会，设主论坛与三个分论坛。\n邀请来自南非、埃及、肯尼亚等国的专家20名。"
        form.phases = [
            Phase(period: CompleteApplication.range("2025-06-01", "2025-09-30"), budgetYuan: 50_000, goal: "筹备会议，发出邀请"),
            Phase(period: CompleteApplication.range("2025-10-01", "2025-12-31"), budgetYuan: 75_000, goal: "举办会议，形成成果"),
        ]
        return form
    }()

    /// The shared complete cooperation form, with a listed field beside "other".
    static let cooperationForm: ApplicationForm = {
        var form = CompleteApplication.cooperation()
        form.fields = Choices(codes: ["advancedManufacturing", "robotics", "other"], other: "工业软件")
        return form
    }()

    static let cooperationOrganization = OrganizationForm(
        name: "湖南某某科技有限公司", uscc: "91430100MA4L000000", legalRepresentative: "周总", address: "长沙市雨花区",
        postalCode: "410000", phone: "0731-85550000", nature: "enterprise",
        bankAccount: BankAccountForm(accountName: "湖南某某科技有限公司", bankName: "中国银行长沙分行", accountNumber: "6000123456789"))

    static let recommenderOpinions = [
        ApplicationDocument.Opinion(organization: "岳麓区科学技术协会", decision: "推荐", comment: "材料齐全，情况属实。"),
        ApplicationDocument.Opinion(organization: "长沙市科学技术协会", decision: "推荐", comment: "经初审，符合申报条件，同意推荐。"),
    ]

    static func conference() throws -> ApplicationDocument {
        let category = try definition(.conference)
        return ApplicationDocument(
            category: .conference, organization: organization, form: conferenceForm,
            cooperationOptions: category.cooperationContent, fieldOptions: category.fields,
            recommenderOpinions: recommenderOpinions, provinceDecision: "立项，资助金额20万元。", edition: "2025年2月",
            number: "2025-HY-0012")
    }

    static func cooperation() throws -> ApplicationDocument {
        let category = try definition(.cooperation)
        return ApplicationDocument(
            category: .cooperation, organization: cooperationOrganization, form: cooperationForm,
            cooperationOptions: category.cooperationContent, fieldOptions: category.fields, edition: "2025年2月")
    }

    /// What a clerk pastes: quotes, markup characters, line breaks of every kind, a tab, emoji and
    /// characters XML forbids (a NUL, Word's U+000B, U+FFFE).
    static let awkwardName = "湖南\"引号\"<某某>&'研究院' 🚀\u{0}\u{B}\u{FFFE}"
    static let awkwardProject = "项目 ]]> &amp; <![CDATA[x]]>\r\n第二行\r第三行\n第四行\t制表 👩‍🔬"

    static func awkward() throws -> ApplicationDocument {
        var document = try conference()
        document.organization.name = awkwardName
        document.organization.address = "<script>alert('x')</script>"
        document.form.projectName = awkwardProject
        document.form.mainContent = awkwardProject
        document.form.partners = [Partner(name: "Université \"Paris\" & Co <Lab>", countryOrRegion: "fr")]
        document.form.cooperationContent = Choices(codes: ["other"], other: "<其他>&\"内容\"")
        document.recommenderOpinions = [
            ApplicationDocument.Opinion(organization: "A&B科协", decision: "同意<推荐>", comment: "意见\n第二行 😀")
        ]
        return document
    }

    /// A long form: summaries at the guide's limits (300 and 400 字), a 400-字 cooperation basis
    /// and a 5,000-character main content in paragraphs, each ending in text found nowhere else.
    static func long() throws -> ApplicationDocument {
        var document = try cooperation()
        document.form.summaryContent = String(repeating: "赴德国开展智能制造技术交流，", count: 21) + "开展联合考察"
        document.form.summaryBasis = String(repeating: "企业设有海外联络部", count: 44) + "负责对接"
        document.form.cooperationBasis = String(repeating: "合作交流基础扎实，成果丰硕。", count: 28) + "基础部分到此为止"
        document.form.mainContent = longMainContent
        return document
    }

    static let longMainContentEnding = "项目主要内容全文在此结束，共五千字整。"
    static let longMainContent: String = {
        let sentence = "本项目围绕先进制造与新材料领域组织国际科技交流，邀请境外专家来湘开展学术报告与项目对接。"
        var text = ""
        var paragraph = 0
        while text.count < 5_000 - longMainContentEnding.count {
            text += sentence
            paragraph += 1
            if paragraph % 8 == 0 { text += "\n" }
        }
        return String(text.prefix(5_000 - longMainContentEnding.count)) + longMainContentEnding
    }()
}
