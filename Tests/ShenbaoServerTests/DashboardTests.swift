import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct DashboardTests {
    /// The JSON of `GET /api/v1/dashboard`, as a client reads it.
    struct Body: Decodable {
        struct Row: Decodable { var key: String; var label: String; var count: Int; var amountYuan: Int }
        struct Group: Decodable { var dimension: String; var rows: [Row] }
        struct Stage: Decodable { var stage: String; var count: Int; var amountYuan: Int }
        var callYear: Int
        var scope: String
        var applications: Int
        var requestedYuan: Int
        var fundedYuan: Int
        var groups: [Group]
        var funnel: [Stage]
        var filters: [Filter]?

        struct Filter: Decodable {
            struct Choice: Decodable { var code: String; var label: String; var retired: Bool? }
            var code: String
            var kind: String
            var options: [Choice]
            var selected: String?
        }

        func rows(_ dimension: String) -> [Row] { groups.first { $0.dimension == dimension }?.rows ?? [] }
        func count(_ dimension: String, _ key: String) -> Int? { rows(dimension).first { $0.key == key }?.count }
        func amount(_ dimension: String, _ key: String) -> Int? {
            rows(dimension).first { $0.key == key }?.amountYuan
        }
        var stages: [String: Int] { Dictionary(uniqueKeysWithValues: funnel.map { ($0.stage, $0.count) }) }
    }

    func dashboard(_ app: Application, token: String, query: String = "") async throws -> Body {
        let response = try await app.api(.GET, "/api/v1/dashboard" + query, token: token)
        try #require(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(Body.self)
    }

    /// Two conference applications on the 岳麓区 chain (one forwarded to the city), two accepted
    /// ones of other recommenders (a cooperation one among them), and a draft nobody counts.
    func someApplications(_ app: Application, _ people: ChainPeople) async throws {
        let forwarded = try await ApplicationFixtures.submitted(app, people)
        #expect(try await ApplicationFixtures.recommend(app, forwarded, token: people.county).status == .ok)
        _ = try await ApplicationFixtures.submitted(app, people)
        _ = try await ApplicationFixtures.createDraft(app, token: people.applicant)
        let xiangtan = try await ApplicationFixtures.recommenderID(app, named: "湘潭市科学技术协会")
        let organization = try await ReviewFixtures.organization(app, "湘潭大学")
        try await ReviewFixtures.accepted(
            app, category: .cooperation, name: "中俄新材料联合实验室", organization: organization, recommender: xiangtan,
            requestedYuan: 200_000, fields: ["newMaterials", "advancedManufacturing"])
        try await ReviewFixtures.accepted(
            app, category: .conference, name: "国际生物医药论坛", organization: organization, recommender: xiangtan,
            requestedYuan: 100_000, fields: ["biomedicine"])
    }

    @Test func theProvinceAndFinanceCountEverySubmittedApplicationByCategoryAndState() async throws {
        try await withShenbao { app in
            // setup
            let people = try await ChainPeople.make(app)
            try await someApplications(app, people)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)

            // MUT
            let province = try await dashboard(app, token: people.province)
            let seenByFinance = try await dashboard(app, token: finance)

            // validate
            #expect(province.callYear == 2025)
            #expect(province.scope == "province")
            #expect(province.applications == 4)
            #expect(province.requestedYuan == 150_000 * 2 + 200_000 + 100_000)
            #expect(province.count("category", "conference") == 3)
            #expect(province.amount("category", "conference") == 400_000)
            #expect(province.count("category", "cooperation") == 1)
            #expect(province.amount("category", "cooperation") == 200_000)
            #expect(province.count("status", "atRecommender") == 2)
            #expect(province.count("status", "accepted") == 2)
            #expect(province.count("status", "draft") == nil)
            #expect(province.count("field", "advancedManufacturing") == 3)
            #expect(province.count("field", "robotics") == 0)
            #expect(province.count("recommender", "岳麓区科学技术协会") == 2)
            #expect(province.count("recommender", "湘潭市科学技术协会") == 2)
            #expect(province.count("city", "430100") == 4)
            #expect(province.count("applicantKind", "provincialInstitution") == 2)
            #expect(
                province.stages == [
                    "submitted": 4, "recommended": 2, "accepted": 2, "reviewed": 0, "funded": 0, "approved": 0,
                    "underway": 0, "acceptancePassed": 0,
                ])
            #expect(seenByFinance.applications == province.applications)
            #expect(seenByFinance.groups.map(\.rows.count) == province.groups.map(\.rows.count))
        }
    }

    @Test func aRecommenderCountsOnlyTheApplicationsOnItsOwnChain() async throws {
        try await withShenbao { app in
            // setup
            let people = try await ChainPeople.make(app)
            try await someApplications(app, people)
            let xiangtanID = try await ApplicationFixtures.recommenderID(app, named: "湘潭市科学技术协会")
            let xiangtan = try await ReviewFixtures.token(app, "xiangtan", .recommender, organization: xiangtanID)

            // MUT
            let county = try await dashboard(app, token: people.county)
            let city = try await dashboard(app, token: people.city)
            let other = try await dashboard(app, token: xiangtan)

            // validate: the county sees what was submitted to it, the city what it was sent.
            #expect(county.scope == "recommender")
            #expect(county.applications == 2)
            #expect(county.count("category", "cooperation") == 0)
            #expect(county.rows("recommender").map(\.label) == ["岳麓区科学技术协会"])
            #expect(city.applications == 1)
            #expect(other.applications == 2)
            #expect(other.rows("recommender").map(\.label) == ["湘潭市科学技术协会"])
            #expect(other.count("category", "conference") == 1)
        }
    }

    @Test func theFunnelCountsARefusalAtTheProvinceAsRecommendedAndMeetingAmountsAsFunded() async throws {
        try await withShenbao { app in
            // setup: one refused at the province's intake, one the meeting funded with less than asked.
            let people = try await ChainPeople.make(app)
            let refused = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, refused, token: people.county)
            _ = try await ApplicationFixtures.recommend(app, refused, token: people.city)
            let intake = try await app.api(
                .POST, "/api/v1/applications/\(refused)/intake", token: people.province,
                json: ["decision": "reject", "comment": "不符合申报条件"])
            try #require(intake.status == .ok, "\(intake.body.string)")
            let organization = try await ReviewFixtures.organization(app, "湘潭大学")
            let xiangtan = try await ApplicationFixtures.recommenderID(app, named: "湘潭市科学技术协会")
            let funded = try await ReviewFixtures.accepted(
                app, category: .cooperation, name: "中俄新材料联合实验室", organization: organization, recommender: xiangtan,
                requestedYuan: 200_000)
            let application = try #require(try await ApplicationModel.find(funded, on: app.db))
            application.status = .funded
            try await application.save(on: app.db)
            let decision = MeetingDecisionModel()
            decision.$call.id = try await ReviewFixtures.callID(app)
            decision.$application.id = funded
            decision.funded = true
            decision.amountYuan = 120_000
            decision.recordedBy = "会议"
            try await decision.create(on: app.db)

            // MUT
            let body = try await dashboard(app, token: people.province, query: "?callId=2025")

            // validate
            #expect(
                body.stages == [
                    "submitted": 2, "recommended": 2, "accepted": 1, "reviewed": 1, "funded": 1, "approved": 0,
                    "underway": 0, "acceptancePassed": 0,
                ])
            #expect(body.funnel.first { $0.stage == "funded" }?.amountYuan == 120_000)
            #expect(body.fundedYuan == 120_000)
            #expect(body.count("status", "rejected") == 1)
        }
    }

    @Test func thePageDrawsChartsWithTheirNumbersAndNoScriptFromOutside() async throws {
        try await withShenbao { app in
            // setup: a recommender whose name would break the markup if it were not escaped.
            let people = try await ChainPeople.make(app)
            try await someApplications(app, people)
            let odd = OrganizationModel(
                recommender: "<b>科协&\"测试\"</b>", kind: .provincialSociety, divisionCode: nil, seedKey: nil)
            try await odd.create(on: app.db)
            let organization = try await ReviewFixtures.organization(app, "中南大学")
            try await ReviewFixtures.accepted(
                app, category: .conference, name: "国际论坛", organization: organization, recommender: try odd.requireID(),
                requestedYuan: 50_000)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)

            // MUT
            let response = try await browser.get("/dashboard")

            // validate
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("<a href=\"/dashboard\" class=\"active\" aria-current=\"page\">统计</a>"))
            #expect(html.contains("<h1>统计：\(try CallDefinition.guide2025().title)</h1>"))
            #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("<title id=\"chart-category-title\">按项目类别</title>"))
            // 4 conference applications: 15 + 15 + 10 + 5 万元; the number stands beside its bar.
            func besideABar(_ text: String) throws -> Bool {
                html.contains(try Regex("<rect [^>]*/><text x=\"[0-9]+\" y=\"[0-9]+\">\(text)</text>"))
            }
            #expect(try besideABar("4 项 · 45 万元"))
            #expect(try besideABar("1 项 · 20 万元"))
            #expect(try besideABar("5 项 · 65 万元"))  // submitted, in the funnel
            #expect(try besideABar("3 项 · 35 万元 · 60%"))  // reached the province: 3 of 5
            #expect(html.contains("&lt;b&gt;科协&amp;&quot;测试&quot;&lt;/b&gt;"))
            #expect(!html.contains("<b>科协"))
            // Each inlined chart is well-formed XML, which an unescaped name would break.
            let charts = html.components(separatedBy: "<svg ").dropFirst().map {
                "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>"
            }
            #expect(charts.count == 1 + DashboardDimension.allCases.count)
            for chart in charts { #expect(XMLParser(data: Data(chart.utf8)).parse(), "\(chart)") }
            // The charts need no script; the only one is the layout's own, from this server.
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(scripts.count == 1)
            #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/js/") })
            #expect(!html.contains("<script src=\"http"))
            #expect(!html.contains("src=\"//"))
        }
    }

    @Test func aRecommendersPageSaysWhoseApplicationsItCounts() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            try await someApplications(app, people)
            let browser = Browser(app)
            try await browser.logIn("yuelu", TestUsers.password)

            let html = try await browser.get("/dashboard").body.string

            #expect(html.contains("岳麓区科学技术协会推荐链上的申报书"))
            #expect(html.contains(">2 项 · 30 万元</text>"))
            #expect(!html.contains("湘潭市科学技术协会"))
        }
    }

    @Test func applicantsAndExpertsAreRefusedAndAnUnknownCallIsNotFound() async throws {
        try await withShenbao { app in
            // setup
            let people = try await ChainPeople.make(app)
            let expert = try await ReviewFixtures.token(app, "zhuanjia", .expert)

            // MUT and validate
            let applicant = try await app.api(.GET, "/api/v1/dashboard", token: people.applicant)
            #expect(applicant.status == .forbidden)
            #expect(applicant.problems?.error.code == "forbidden")
            #expect(try await app.api(.GET, "/api/v1/dashboard", token: expert).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/dashboard").status == .unauthorized)
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let page = try await browser.get("/dashboard")
            #expect(page.status == .forbidden)
            #expect(!page.body.string.contains("<svg"))
            for query in ["?callId=1999", "?callId=abc", "?callId=\(UUID())"] {
                #expect(
                    try await app.api(.GET, "/api/v1/dashboard" + query, token: people.province).status == .notFound)
            }
        }
    }

    @Test func anEmptyCallSaysThereIsNothingYet() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)

            let html = try await browser.get("/dashboard").body.string

            #expect(html.contains(">暂无数据</text>"))
            #expect(html.contains("<dd>0 项</dd>"))
            #expect(try await dashboard(app, token: people.province).applications == 0)
        }
    }

    /// The 2025 call with a single-choice question (one option retired), a multiple-choice one and a
    /// yes/no one; three submitted applications answering them differently.
    func answeredApplications(_ app: Application, _ people: ChainPeople) async throws {
        var call = try await app.api(.GET, "/api/v1/calls/2025", token: people.province)
            .content.decode(CallEditorService.Input.self)
        call.questions = [
            Question(
                code: "format", label: "举办形式", kind: .singleChoice,
                options: [
                    Option(code: "online", label: "线上"), Option(code: "offline", label: "线下"),
                    Option(code: "hybrid", label: "线上线下结合", retired: true),
                ]),
            Question(
                code: "languages", label: "工作语言", kind: .multipleChoice,
                options: [Option(code: "zh", label: "中文"), Option(code: "en", label: "英文")]),
            Question(code: "firstTime", label: "是否首次举办", kind: .yesNo),
            Question(code: "partners", label: "外方合作单位", kind: .shortText),
        ]
        let saved = try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.province, json: call)
        try #require(saved.status == .ok, "\(saved.body.string)")
        let answers: [[String: Answer]] = [
            ["format": .text("online"), "languages": .choices(["zh", "en"]), "firstTime": .flag(true)],
            ["format": .text("offline"), "languages": .choices(["zh"]), "firstTime": .flag(false)],
            // Chosen before the province retired 线上线下结合.
            ["format": .text("hybrid"), "languages": .choices(["en"]), "partners": .text("Fraunhofer")],
        ]
        for answer in answers {
            let id = try await ApplicationFixtures.submitted(app, people)
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            application.form.answers = answer
            try await application.save(on: app.db)
        }
    }

    @Test func theFiguresCanBeNarrowedByTheAnswersToTheCallsChoiceQuestions() async throws {
        try await withShenbao { app in
            // setup
            let people = try await ChainPeople.make(app)
            try await answeredApplications(app, people)

            // MUT and validate: each filter counts the applications answering so, and only those.
            let expected: [(String, Int)] = [
                ("", 3), ("?q.format=online", 1), ("?q.format=offline", 1), ("?q.format=hybrid", 1),
                ("?q.languages=zh", 2), ("?q.languages=en", 2), ("?q.firstTime=yes", 1), ("?q.firstTime=no", 1),
                ("?callId=2025&q.languages=en&q.format=online", 1), ("?q.languages=zh&q.format=hybrid", 0),
                ("?q.format=&q.languages=", 3),
            ]
            for (query, count) in expected {
                let body = try await dashboard(app, token: people.province, query: query)
                #expect(body.applications == count, "\(query)")
                #expect(body.requestedYuan == count * 150_000, "\(query)")
                #expect(body.stages["submitted"] == count, "\(query)")
                #expect(body.count("category", "conference") == count, "\(query)")
            }
            // Only the choice questions are offered, the retired option because someone chose it.
            let body = try await dashboard(app, token: people.province, query: "?q.languages=en")
            let filters = try #require(body.filters)
            #expect(filters.map(\.code) == ["format", "languages", "firstTime"])
            #expect(filters.map(\.selected) == [nil, "en", nil])
            #expect(filters[0].options.map(\.code) == ["online", "offline", "hybrid"])
            #expect(filters[0].options.last?.retired == true)
            #expect(filters[2].options.map(\.code) == ["yes", "no"])
            // The call is still chosen beside the filters.
            let otherYear = try await app.api(
                .GET, "/api/v1/dashboard?q.format=online&callId=1999", token: people.province)
            #expect(otherYear.status == .notFound)
            // A recommender's figures are filtered the same way, within its own chain.
            #expect(try await dashboard(app, token: people.county, query: "?q.languages=zh").applications == 2)

            // The page: a select per question, the figures and the charts of the matching ones only.
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let page = try await browser.get("/dashboard?call=2025&q.languages=zh&q.format=")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<label for=\"filter-format\">举办形式</label>"))
            #expect(html.contains("<label for=\"filter-languages\">工作语言（包含所选项）</label>"))
            #expect(html.contains("<select id=\"filter-languages\" name=\"q.languages\">"))
            #expect(html.contains("<option value=\"zh\" selected>中文</option>"))
            #expect(html.contains("<option value=\"hybrid\">线上线下结合（已停用）</option>"))
            #expect(!html.contains("filter-partners"), "a text question is no filter")
            #expect(html.contains("仅统计补充信息符合以下条件的申报书：工作语言包含“中文”。"))
            #expect(html.contains("<dd>2 项</dd>"))
            #expect(html.contains(">2 项 · 30 万元</text>"))
            let plain = try await browser.get("/dashboard").body.string
            #expect(plain.contains("<dd>3 项</dd>"))
            #expect(!plain.contains("仅统计补充信息"))
        }
    }

    @Test func aFilterTheCallCannotAnswerIsRefusedNamingItsParameter() async throws {
        try await withShenbao { app in
            // setup
            let people = try await ChainPeople.make(app)
            try await answeredApplications(app, people)

            // MUT
            let unknown = try await app.api(
                .GET, "/api/v1/dashboard?q.colour=red&q.format=boat&q.partners=x", token: people.province)
            let tooMany = try await app.api(
                .GET, "/api/v1/dashboard?" + Array(repeating: "q.format=", count: 31).joined(separator: "&"),
                token: people.province)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let page = try await browser.get("/dashboard?q.languages=fr")

            // validate: every problem at once, in Chinese, each naming its parameter; never a 5xx.
            #expect(unknown.status == .unprocessableEntity)
            let problems = try #require(unknown.problems)
            #expect(problems.error.code == "validationFailed")
            #expect(problems.errors.map(\.field) == ["q.colour", "q.format", "q.partners"])
            #expect(problems.errors.map(\.code) == ["unknownField", "invalidOption", "invalidValue"])
            #expect(problems.errors[0].message == "筛选条件 q.colour 不是本年度申报指南的补充问题")
            #expect(problems.errors[1].message == "补充问题“举办形式”没有选项“boat”")
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.problems?.errors.first?.field == "q")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("补充问题“工作语言”没有选项“fr”"))
        }
    }
}
