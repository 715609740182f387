import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite("Review pages")
struct ReviewPagesTests {
    static func user(_ app: Application, _ username: String, _ role: Role) async throws {
        let user = UserModel(
            username: username, passwordHash: try Bcrypt.hash(TestUsers.password, cost: 4), role: role,
            organizationID: nil, contactName: username + "经办人", phone: "13800000000", email: "\(username)@example.com")
        try await user.create(on: app.db)
    }

    @Test("the province sets the plan on its desk, finance approves it on its own, mistakes shown beside the fields")
    func planOnPages() async throws {
        try await withShenbao { app in
            try await Self.user(app, "hnkx", .province)
            try await Self.user(app, "caiwu", .finance)
            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let desk = try await province.get("/review")
            #expect(desk.body.string.contains("未制定（显示默认方案）"))
            #expect(desk.body.string.contains("项目意义及与我省重点领域契合度"))
            var form: [(String, String)] = ReviewPlan.defaultCriteria.flatMap {
                [
                    ("criterionCode[]", $0.code), ("criterionName[]", $0.name),
                    ("criterionPoints[]", String($0.maxPoints)),
                ]
            }
            form += [("expertsPerApplication", "0"), ("priorityRule", "tieBreak"), ("totalBudgetWan", "300")]
            form[2].1 = "30"
            let refused = try await province.post("/review/plan", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("评审指标分值合计应为100分，现为110分"))
            #expect(refused.body.string.contains("每个项目的评审专家人数应为1至15人"))
            form[2].1 = "20"
            form[form.count - 3].1 = "5"
            let saved = try await province.post("/review/plan", form: form)
            #expect(saved.headers.first(name: .location) == "/review?done=plan")
            let plan = try #require(try await ReviewPlanModel.query(on: app.db).first())
            #expect(plan.plan.totalBudgetYuan == 3_000_000)
            #expect(plan.state == .pendingApproval)

            let finance = Browser(app)
            try await finance.logIn("caiwu", TestUsers.password)
            #expect(try await finance.get("/finance").body.string.contains("审核同意评审方案"))
            let approved = try await finance.post("/finance/approve", form: [])
            #expect(approved.headers.first(name: .location) == "/finance?done=approve")
            let again = try await finance.post("/finance/approve", form: [])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("无需重复审核"))
            #expect(try await province.get("/review").body.string.contains("财务已审核同意"))
        }
    }

    @Test("an expert scores on the page: typing mistakes are named, a submitted review is read-only")
    func expertScoresOnThePage() async throws {
        try await withShenbao { app in
            // Before the plan's review deadline (2025-08-31): scores are refused after it.
            app.now = { beijing("2025-08-20 10:00") }
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南丁科技有限公司")
            let applicationID = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中英论坛", organization: applicant, recommender: county)
            _ = try await ReviewFixtures.experts(app, count: 1, province: province)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 1))
            #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
            let expert = Browser(app)
            try await expert.logIn("expert1", TestUsers.password)
            // Before the review starts the expert sees nothing, not even the application.
            #expect(try await expert.get("/reviews").body.string.contains("暂无评审任务"))
            #expect(try await expert.get("/applications/\(applicationID)").status == .notFound)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            let list = try await expert.get("/reviews")
            #expect(list.body.string.contains("中英论坛"))
            #expect(list.body.string.contains("2025年8月31日"))
            let review = try #require(try await ReviewModel.query(on: app.db).first())
            let path = "/reviews/\(review.id!)"
            #expect(try await expert.get(path).body.string.contains("项目意义及与我省重点领域契合度"))
            #expect(try await expert.get("/applications/\(applicationID)/print").status == .ok)

            let typo = try await expert.post(
                path, form: [("scores[significance]", "十八"), ("suggestedAmountWan", "十二"), ("action", "save")])
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.body.string.contains("得分应为整数，现为“十八”"))
            #expect(typo.body.string.contains("建议资助金额应为以万元为单位的数字（最多四位小数），现为“十二”"))
            #expect(typo.body.string.contains("value=\"十八\""))
            var scores = ReviewPlan.defaultCriteria.map { ("scores[\($0.code)]", String($0.maxPoints - 2)) }
            scores += [("comment", "国际合作基础好"), ("recommendation", "fund"), ("suggestedAmountWan", "10")]
            let draft = try await expert.post(path, form: scores + [("action", "save")])
            #expect(draft.headers.first(name: .location) == "\(path)?done=save")
            #expect(try await expert.get(path).body.string.contains("国际合作基础好"))
            // Typed in 万元 like every amount on the pages: 10 means 100,000 元.
            #expect(try await ReviewModel.find(review.id, on: app.db)?.suggestedAmountYuan == 100_000)
            #expect(try await expert.get(path).body.string.contains("value=\"10\""))
            let submitted = try await expert.post(path, form: scores + [("action", "submit")])
            #expect(submitted.headers.first(name: .location) == "\(path)?done=submit")
            let page = try await expert.get(path).body.string
            #expect(page.contains("已提交"))
            #expect(page.contains("88"))
            #expect(!page.contains("提交评审意见"))
            let late = try await expert.post(path, form: scores + [("action", "submit")])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("评审意见已提交，不能再修改"))
        }
    }

    @Test("the meeting page suggests, refuses a set over a bound with the rule named, and confirms the minutes")
    func meetingOnThePage() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let finance = try await ReviewFixtures.token(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南戊科技有限公司")
            let id = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中俄合作", organization: applicant, recommender: county,
                requestedYuan: 180_000)
            _ = try await ReviewFixtures.experts(app, count: 1, province: province)
            try await ReviewFixtures.approvedPlan(
                app, province: province, finance: finance, plan: ReviewFixtures.Plan(expertsPerApplication: 1))
            #expect(try await app.api(.POST, "/api/v1/calls/2025/assignments/auto", token: province).status == .ok)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/start", token: province).status == .ok)
            for review in try await ReviewModel.query(on: app.db).all() {
                try await ReviewFixtures.submit(app, review: review, total: 86)
            }
            #expect(try await app.api(.POST, "/api/v1/calls/2025/review/complete", token: province).status == .ok)

            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let page = try await browser.get("/meeting").body.string
            #expect(page.contains("国际科技交流会议项目排名第1，建议资助18万元"))
            #expect(page.contains("value=\"18\""))
            #expect(!page.contains("180000"))
            let over = try await browser.post(
                "/meeting/decisions", form: [("funded[\(id)]", "on"), ("amount[\(id)]", "19")])
            #expect(over.status == .unprocessableEntity)
            #expect(over.body.string.contains("“中俄合作”资助金额19万元超过申请经费18万元"))
            #expect(over.body.string.contains("value=\"19\""))
            #expect(try await MeetingDecisionModel.query(on: app.db).count() == 0)
            let typo = try await browser.post(
                "/meeting/decisions", form: [("funded[\(id)]", "on"), ("amount[\(id)]", "15万5")])
            #expect(typo.body.string.contains("“中俄合作”的资助金额应为以万元为单位的数字"))
            let saved = try await browser.post(
                "/meeting/decisions", form: [("funded[\(id)]", "on"), ("amount[\(id)]", "15")])
            #expect(saved.headers.first(name: .location) == "/meeting?done=record")
            let recorded = try await browser.get("/meeting?done=record").body.string
            #expect(recorded.contains("国际科技交流会议项目拟资助1项，少于指南的3项"))
            #expect(try await MeetingDecisionModel.query(on: app.db).first()?.amountYuan == 150_000)
            #expect(recorded.contains("合计 <strong>15</strong> 万元"))
            let confirmed = try await browser.post("/meeting/confirm", form: [])
            #expect(confirmed.headers.first(name: .location) == "/meeting?done=confirm")
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .funded)

            // The ranking as a spreadsheet, read back cell by cell.
            let xlsx = try await app.api(.GET, "/api/v1/calls/2025/ranking.xlsx", token: finance)
            #expect(xlsx.status == .ok)
            let rows = try TableReader.rows(data: Data(buffer: xlsx.body), fileName: "ranking.xlsx")
            #expect(rows.first?.first?.hasSuffix("：国际科技交流会议项目评审排名") == true)
            #expect(rows[1].prefix(5) == ["排名", "申报编号", "项目名称", "申报单位", "评审得分"])
            let number = try #require(try await ApplicationModel.find(id, on: app.db)?.number)
            #expect(rows[2].prefix(6) == ["1", number, "中俄合作", "中俄合作单位", "86", "1"])
            #expect(rows[2].last == "资助15万元")
        }
    }

    @Test(
        "finance types the reduction in 万元: 12 stores 120,000 元, bounded by 0 and the request, below the minimum asked")
    func financeReducesInWan() async throws {
        try await withShenbao { app in
            try await Self.user(app, "caiwu", .finance)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let applicant = try await ReviewFixtures.organization(app, "湖南己科技有限公司")
            let id = try await ReviewFixtures.accepted(
                app, category: .conference, name: "中德论坛", organization: applicant, recommender: county,
                requestedYuan: 180_000)
            let finance = Browser(app)
            try await finance.logIn("caiwu", TestUsers.password)
            let desk = try await finance.get("/finance").body.string
            #expect(desk.contains("<th>申请（万元）</th>"))
            #expect(desk.contains("<td>18</td>"))
            func reduce(_ amount: String, confirm: Bool = false) async throws -> TestingHTTPResponse {
                var form = [("decision", "reduce"), ("amountWan", amount), ("comment", "会场租赁费偏高")]
                if confirm { form.append(("confirmBelowMinimum", "1")) }
                return try await finance.post("/finance/opinions/\(id)", form: form)
            }
            let above = try await reduce("19")
            #expect(above.status == .unprocessableEntity)
            #expect(above.body.string.contains("“中德论坛”：核减后金额应在0至18万元之间，现为“19”"))
            #expect(above.body.string.contains("value=\"19\""))
            let negative = try await reduce("-1")
            #expect(negative.body.string.contains("核减后金额应为以万元为单位的数字"))
            let same = try await reduce("18")
            #expect(same.body.string.contains("核减后金额18万元应低于申请经费18万元"))
            // Below the guide's 5 万元 is possible, but only once the clerk has ticked that she means it.
            let low = try await reduce("4")
            #expect(low.status == .unprocessableEntity)
            #expect(low.body.string.contains("低于指南规定的每项最低资助金额5万元"))
            #expect(low.body.string.contains("name=\"confirmBelowMinimum\""))
            #expect(try await FinanceOpinionModel.query(on: app.db).count() == 0)
            // The API keeps integer 元 and asks for the same tick.
            let token = try await app.apiToken("caiwu")
            struct Reduce: Encodable {
                var decision = "reduce"
                var amountYuan = 40_000
                var comment = "会场租赁费偏高"
                var confirmBelowMinimum: Bool?
            }
            let unticked = try await app.api(
                .PUT, "/api/v1/applications/\(id)/finance-opinion", token: token, json: Reduce())
            #expect(unticked.status == .unprocessableEntity)
            #expect(unticked.problems?.errors.first?.code == "belowMinimumUnconfirmed")
            let confirmed = try await reduce("4", confirm: true)
            #expect(confirmed.status == .seeOther)
            #expect(try await FinanceOpinionModel.query(on: app.db).first()?.amountYuan == 40_000)

            let saved = try await reduce("12")
            let location = try #require(saved.headers.first(name: .location))
            #expect(try await FinanceOpinionModel.query(on: app.db).first()?.amountYuan == 120_000)
            let after = try await finance.get(location).body.string
            #expect(after.contains("已保存“中德论坛”的预算意见：核减至12万元：会场租赁费偏高"))
            #expect(after.contains("value=\"12\""))
        }
    }
}
