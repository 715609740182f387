import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import ShenbaoServer

/// Issue 29, items 6 and 8: the experts' maximum of reviews (评审数量上限) in the automatic and
/// the hand assignment, and the experts and organisations an applicant asks to avoid (申请回避).
@Suite("Expert load caps and applicant-named avoidance")
struct LoadCapAndAvoidanceTests {
    struct Pair: Decodable {
        var applicationId: UUID
        var expertId: UUID
    }

    /// The province, finance, `experts` experts (`专家expert1`… of `中南大学expert1`…) and `count` accepted
    /// conference applications of their own organisations.
    static func setUp(_ app: Application, experts: Int, applications count: Int) async throws -> (
        province: String, finance: String, experts: [UUID], applications: [UUID]
    ) {
        app.now = { beijing("2025-08-20 10:00") }
        let province = try await ReviewFixtures.token(app, "hnkx", .province)
        let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
        let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
        var applications: [UUID] = []
        for index in 1...count {
            let organization = try await ReviewFixtures.organization(app, "湖南申报\(index)有限公司")
            applications.append(
                try await ReviewFixtures.accepted(
                    app, category: .conference, name: "项目\(index)", organization: organization, recommender: county,
                    submittedAt: Date(timeIntervalSince1970: 1_750_000_000 + Double(index))))
        }
        let pool = try await ReviewFixtures.experts(app, count: experts, province: province)
        return (province, finance, pool, applications)
    }

    static func loads(_ app: Application) async throws -> [UUID: Int] {
        var loads: [UUID: Int] = [:]
        for review in try await ReviewModel.query(on: app.db).all() where review.isActive {
            loads[review.$expert.id, default: 0] += 1
        }
        return loads
    }

    @Test("a cap the pool cannot meet: nothing assigned, each short project named with the cap as the reason")
    func capShortfall() async throws {
        try await withShenbao { app in
            let (province, finance, experts, applications) = try await Self.setUp(app, experts: 3, applications: 2)
            // The plan's cap is checked with the plan's other numbers.
            let bad = try await app.api(
                .PUT, "/api/v1/calls/2025/review-plan", token: province,
                json: ReviewFixtures.Plan(expertsPerApplication: 2, maxReviewsPerExpert: 0))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problems?.errors.map(\.message) == ["每位专家的评审数量上限应为1至500个项目，现为0个"])
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance,
                plan: ReviewFixtures.Plan(expertsPerApplication: 2, maxReviewsPerExpert: 1))

            // 2 projects × 2 experts need 4 places; 3 experts of at most 1 give 3.
            let refused = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.error.code == "noValidAssignment")
            let messages = refused.problems?.errors.map(\.message) ?? []
            #expect(messages.count == 1)
            #expect(messages.first?.hasPrefix("“项目2”有3位无回避关系的专家，其中2位已达评审数量上限，只分配到1位，需要2位") == true)
            #expect(try await ReviewModel.query(on: app.db).count() == 0)

            // One expert's own maximum of 2 (专家库) overrides the plan's: now the pool suffices.
            let invalid = try await app.api(
                .PATCH, "/api/v1/experts/\(experts[0])", token: province, json: ["maxReviews": 501])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.fields == ["maxReviews"])
            let raised = try await app.api(
                .PATCH, "/api/v1/experts/\(experts[0])", token: province, json: ["maxReviews": 2])
            #expect(raised.status == .ok)
            struct View: Decodable { var maxReviews: Int? }
            #expect(try raised.content.decode(View.self).maxReviews == 2)
            let pairs = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
            #expect(pairs.status == .ok)
            #expect(try pairs.content.decode([Pair].self).count == 4)
            let loads = try await Self.loads(app)
            #expect(experts.map { loads[$0, default: 0] } == [2, 1, 1])
            #expect(Set(applications).count == 2)
        }
    }

    @Test("the expert's own maximum is set on the expert's page, a wrong one shown beside its field")
    func overrideOnThePage() async throws {
        try await withShenbao { app in
            let (_, _, experts, _) = try await Self.setUp(app, experts: 1, applications: 1)
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let page = try await browser.get("/experts/\(experts[0])")
            #expect(page.body.string.contains("评审数量上限（个项目）"))
            let form: [(String, String)] = [
                ("name", "专家expert1"), ("organizationName", "中南大学expert1"), ("title", "教授"),
                ("fields[]", "advancedManufacturing"), ("phone", "13900000000"), ("email", "expert@example.com"),
            ]
            let wrong = try await browser.post("/experts/\(experts[0])", form: form + [("maxReviews", "很多")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("该专家的评审数量上限应为1至500的整数，不填则按评审方案"))
            let saved = try await browser.post("/experts/\(experts[0])", form: form + [("maxReviews", "4")])
            #expect(saved.status == .seeOther)
            #expect(try await ExpertModel.find(experts[0], on: app.db)?.maxReviews == 4)
            // Emptied, the plan's applies again.
            _ = try await browser.post("/experts/\(experts[0])", form: form + [("maxReviews", "")])
            #expect(try await ExpertModel.find(experts[0], on: app.db)?.maxReviews == nil)
        }
    }

    @Test("by hand past the cap or the balance rule: a warning first, assigned once confirmed (API and desk)")
    func handWarnings() async throws {
        try await withShenbao { app in
            let (province, finance, experts, applications) = try await Self.setUp(app, experts: 3, applications: 3)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance,
                plan: ReviewFixtures.Plan(expertsPerApplication: 1, maxReviewsPerExpert: 1))
            let made = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
            #expect(made.status == .ok)
            // Every expert carries their one review now; a second is past the cap.
            let pairs = try made.content.decode([Pair].self)
            let other = try #require(pairs.first { $0.applicationId != applications[0] })
            let first = try #require(pairs.first { $0.applicationId == applications[0] })
            let json = ["applicationId": applications[0].uuidString, "expertId": other.expertId.uuidString]
            let warned = try await app.api(.POST, "/api/v1/calls/2025/assignments", token: province, json: json)
            #expect(warned.status == .conflict)
            #expect(warned.problems?.error.code == "notConfirmed")
            #expect(
                warned.problems?.errors.map(\.message) == [
                    "该专家已分配1个项目，已达到评审方案规定的每位专家评审数量上限（1个），再指派将超过上限"
                ])
            #expect(try await ReviewModel.query(on: app.db).count() == 3)
            struct Confirmed: Encodable {
                var applicationId: UUID
                var expertId: UUID
                var confirm = true
            }
            let confirmed = try await app.api(
                .POST, "/api/v1/calls/2025/assignments", token: province,
                json: Confirmed(applicationId: applications[0], expertId: other.expertId))
            #expect(confirmed.status == .created)
            #expect(try await Self.loads(app)[other.expertId] == 2)

            // The desk's plan form: a cap that is not a number is shown with the plan's other problems.
            let browserPlan = Browser(app)
            try await browserPlan.logIn("hnkx", TestUsers.password)
            let planForm: [(String, String)] =
                ReviewPlan.defaultCriteria.flatMap {
                    [
                        ("criterionCode[]", $0.code), ("criterionName[]", $0.name),
                        ("criterionPoints[]", String($0.maxPoints)),
                    ]
                } + [
                    ("expertsPerApplication", "0"), ("priorityRule", "tieBreak"), ("totalBudgetWan", "300"),
                    ("maxReviewsPerExpert", "三"),
                ]
            let badPlan = try await browserPlan.post("/review/plan", form: planForm)
            #expect(badPlan.status == .unprocessableEntity)
            #expect(badPlan.body.string.contains("每位专家的评审数量上限应为1至500的整数，不填则不设上限"))
            #expect(badPlan.body.string.contains("每个项目的评审专家人数应为1至15人"))

            // On the desk: the warning with a button to go on, then the assignment.
            let third = try #require(experts.first { $0 != other.expertId && $0 != first.expertId })
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let asked = try await browser.post(
                "/review/assignments",
                form: [("applicationId", applications[0].uuidString), ("expertId", third.uuidString)])
            #expect(asked.status == .conflict)
            let html = asked.body.string
            #expect(html.contains("该指派需要确认"))
            #expect(html.contains("已达到评审方案规定的每位专家评审数量上限（1个）"))
            #expect(html.contains("仍然指派"))
            #expect(try await Self.loads(app)[third] == 1)
            let done = try await browser.post(
                "/review/assignments",
                form: [
                    ("applicationId", applications[0].uuidString), ("expertId", third.uuidString), ("confirm", "1"),
                ])
            #expect(done.headers.first(name: .location) == "/review?done=add")
            #expect(try await Self.loads(app)[third] == 2)

            // A move to an expert at their maximum is warned of the same way.
            let moved = try #require(
                try await ReviewModel.query(on: app.db).filter(\.$expert.$id == other.expertId)
                    .filter(\.$application.$id == other.applicationId).first())
            struct Move: Encodable {
                var expertId: UUID
                var confirm: Bool?
            }
            let movePath = "/api/v1/assignments/\(try moved.requireID())"
            let moveWarned = try await app.api(
                .PUT, movePath, token: province, json: Move(expertId: first.expertId))
            #expect(moveWarned.status == .conflict)
            #expect(moveWarned.problems?.errors.first?.message.contains("评审数量上限（1个）") == true)
            #expect(try await Self.loads(app)[first.expertId] == 1)
            let moveConfirmed = try await app.api(
                .PUT, movePath, token: province, json: Move(expertId: first.expertId, confirm: true))
            #expect(moveConfirmed.status == .ok)
            #expect(try await Self.loads(app)[first.expertId] == 2)
            #expect(try await Self.loads(app)[other.expertId] == 1)
        }
    }

    @Test("the applicant names whom to avoid through the API: at most three, each with a reason, problems by field")
    func avoidanceThroughTheAPI() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            var form = CompleteApplication.conference()
            let row = Avoidance(kind: "expert", name: "张三", reason: "与项目负责人有竞争关系")
            form.avoidances = [row, row, row, row]
            let tooMany = try await ApplicationFixtures.fill(app, id, token: token, form: form)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.problems?.errors.map(\.message) == ["申请回避的专家或单位最多3个，当前为4个"])
            // A kind that is neither is refused even in a draft; a missing reason waits for submission.
            form.avoidances = [row, Avoidance(kind: "team", name: "x", reason: "y")]
            let wrongKind = try await ApplicationFixtures.fill(app, id, token: token, form: form)
            #expect(wrongKind.status == .unprocessableEntity)
            #expect(wrongKind.problems?.errors.map(\.field) == ["avoidances[1].kind"])
            #expect(wrongKind.problems?.errors.map(\.message) == ["第2个申请回避的对象应为专家或单位"])
            form.avoidances = [
                row, Avoidance(kind: "organization", name: "某某大学", reason: nil), Avoidance(kind: "expert"),
            ]
            let saved = try await ApplicationFixtures.fill(app, id, token: token, form: form)
            #expect(saved.status == .ok, "\(saved.body.string)")
            struct DTO: Decodable {
                var avoidances: [Avoidance]?
                var problems: [Problem]
            }
            let dto = try saved.content.decode(DTO.self)
            #expect(dto.avoidances?.count == 3)
            // Kept as typed; what blocks submission is listed by field, in Chinese.
            let problems = dto.problems.filter { $0.field.hasPrefix("avoidances") }
            #expect(problems.map(\.field) == ["avoidances[1].reason", "avoidances[2].name", "avoidances[2].reason"])
            #expect(
                problems.map(\.message) == [
                    "请填写第2个申请回避的理由", "请填写第3个申请回避的专家名称", "请填写第3个申请回避的理由",
                ])
            form.avoidances = [row]
            _ = try await ApplicationFixtures.fill(app, id, token: token, form: form)
            let stored = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(stored.form.avoidances == [row])
        }
    }

    @Test("the applicant names whom to avoid on the form page; a missing reason is shown beside its row")
    func avoidanceOnThePage() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let page = try await browser.get("/applications/\(id)")
            #expect(page.body.string.contains("申请回避的评审专家或单位"))
            #expect(page.body.string.contains("name=\"avoidances[2][reason]\""))
            let checked = try await browser.post(
                "/applications/\(id)",
                form: [
                    ("projectName", "中德智能制造研讨会"), ("avoidances[0][kind]", "organization"),
                    ("avoidances[0][name]", "某某研究院"), ("avoidances[0][reason]", ""), ("avoidances[1][kind]", ""),
                    ("avoidances[1][name]", ""), ("avoidances[1][reason]", ""), ("check", "1"),
                ])
            #expect(checked.status == .seeOther)
            let stored = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(stored.form.avoidances == [Avoidance(kind: "organization", name: "某某研究院", reason: nil)])
            let shown = try await browser.get("/applications/\(id)?check=1").body.string
            #expect(shown.contains("value=\"某某研究院\""))
            #expect(shown.contains("id=\"err_avoidances_0\">请填写第1个申请回避的理由"))
        }
    }

    @Test("avoidance is a conflict for the assignment; the province sees it, the expert never (API, page, Word)")
    func avoidanceInTheReview() async throws {
        try await withShenbao { app in
            let (province, finance, experts, applications) = try await Self.setUp(app, experts: 4, applications: 1)
            let application = try #require(try await ApplicationModel.find(applications[0], on: app.db))
            application.form.avoidances = [
                Avoidance(kind: "expert", name: "专家expert1", reason: "曾与负责人合作撰写论文XYZ"),
                Avoidance(kind: "organization", name: "中南大学expert2", reason: "竞争单位ABC"),
            ]
            try await application.save(on: app.db)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 3))

            // Only two of the four may review it: the assignment says why it cannot find three.
            let short = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
            #expect(short.status == .unprocessableEntity)
            #expect(
                short.problems?.errors.map(\.message) == [
                    "“项目1”只有2位无回避关系的专家（另有2位专家因申报单位申请回避而不能评审），需要3位"
                ])
            let plan = try await app.api(
                .PUT, "/api/v1/calls/2025/review-plan", token: province,
                json: ReviewFixtures.Plan(expertsPerApplication: 2))
            #expect(plan.status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review-plan/approve", token: finance).status == .ok)
            let pairs = try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province)
                .content.decode([Pair].self)
            #expect(Set(pairs.map(\.expertId)) == [experts[2], experts[3]])
            // By hand too, with the reason.
            for (expert, reason) in [
                (experts[0], "申报单位申请该专家（专家expert1）回避"), (experts[1], "申报单位申请该专家所在单位（中南大学expert2）回避"),
            ] {
                let refused = try await app.api(
                    .POST, "/api/v1/calls/2025/assignments", token: province,
                    json: ["applicationId": applications[0].uuidString, "expertId": expert.uuidString])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.problems?.errors.map(\.message) == [reason])
            }

            // The province reads them in the API, on the application's page and on its desk.
            let read = try await app.api(.GET, "/api/v1/applications/\(applications[0])", token: province)
            #expect(read.body.string.contains("曾与负责人合作撰写论文XYZ"))
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            #expect(try await browser.get("/applications/\(applications[0])").body.string.contains("竞争单位ABC"))
            let desk = try await browser.get("/review").body.string
            #expect(desk.contains("申请回避"))
            #expect(desk.contains("曾与负责人合作撰写论文XYZ"))

            // The expert, once the review starts: neither the names nor the reasons, anywhere.
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            let expert = try await app.apiToken("expert3")
            let secrets = ["曾与负责人合作撰写论文XYZ", "竞争单位ABC", "专家expert1", "中南大学expert2", "avoidances"]
            let api = try await app.api(.GET, "/api/v1/applications/\(applications[0])", token: expert)
            #expect(api.status == .ok)
            #expect(api.body.string.contains("项目1"))
            let word = try await app.api(
                .GET, "/api/v1/applications/\(applications[0])/documents/form.docx", token: expert)
            #expect(word.status == .ok)
            let expertBrowser = Browser(app)
            try await expertBrowser.logIn("expert3", TestUsers.password)
            let pageText = try await expertBrowser.get("/applications/\(applications[0])").body.string
            #expect(pageText.contains("项目1"))
            let reviewID = try #require(
                try await ReviewModel.query(on: app.db).filter(\.$expert.$id == experts[2]).first()?.requireID())
            let reviewPage = try await expertBrowser.get("/reviews/\(reviewID)").body.string
            for secret in secrets {
                #expect(!api.body.string.contains(secret), "API: \(secret)")
                #expect(!pageText.contains(secret), "page: \(secret)")
                #expect(!reviewPage.contains(secret), "review page: \(secret)")
            }
            // The Word form is compressed: read its text.
            let document = try DocumentsServerTests().entries(Data(buffer: word.body))["word/document.xml"]
            let xml = String(decoding: try #require(document), as: UTF8.self)
            #expect(xml.contains("项目1") || xml.contains("湖南"))
            for secret in secrets { #expect(!xml.contains(secret), "Word: \(secret)") }
        }
    }
}
