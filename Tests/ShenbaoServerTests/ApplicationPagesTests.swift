import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct ApplicationPagesTests {
    func signedInApplicant(_ app: Application) async throws -> Browser {
        _ = try await ApplicationFixtures.registerApplicant(app)
        let browser = Browser(app)
        try await browser.logIn("hongsi", "Xiangjiang2025")
        return browser
    }

    @Test func theApplicantCreatesADraftAndSeesTheOfficialFormWithItsProblems() async throws {
        try await withShenbao { app in
            let browser = try await signedInApplicant(app)
            let list = try await browser.get("/applications")
            #expect(list.body.string.contains("新建国际科技交流会议项目申报书"))
            let created = try await browser.post("/applications", form: [("category", "conference")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await browser.get(location)
            let html = page.body.string
            #expect(page.status == .ok)
            for section in ["封面", "一、申报单位基本情况", "二、申报项目基本情况", "三、申报单位承诺", FormTexts.commitment] {
                #expect(html.contains(section), "\(section)")
            }
            #expect(html.contains("湖南鸿斯科技有限公司"))  // section 一 from the registration
            #expect(html.contains("主办、承办国际或区域性科技交流与合作研讨会、报告会、交流会"))
            #expect(html.contains("参会专家"))
            #expect(html.contains("data-autosave="))
            // A blank draft lists what is missing in the quiet summary at the top; its fields wait
            // until they are left or checked (GuidedFormTests).
            let field = try #require(html.range(of: "data-field=\"projectName\""))
            let next = try #require(html.range(of: "data-field=\"period_start\""))
            #expect(html[field.upperBound..<next.lowerBound].contains("data-error-for=\"projectName\" hidden"))
            #expect(html.contains(">请填写项目名称</a>"))
            #expect(html.contains("项待填写或需要完善"))
            // Only this organisation's routes are offered.
            #expect(html.contains("岳麓区科学技术协会（县（市、区）科协）"))
            #expect(!html.contains("芙蓉区科学技术协会"))
        }
    }

    @Test func autosaveStoresWhatIsTypedInWanAndAnswersWithTheProblems() async throws {
        try await withShenbao { app in
            let browser = try await signedInApplicant(app)
            let created = try await browser.post("/applications", form: [("category", "cooperation")])
            let path = try #require(created.headers.first(name: .location))
            try await browser.get(path)
            let response = try await browser.post(
                path + "/autosave",
                form: [
                    ("version", "1"), ("projectName", "湘非农业合作"), ("period[start]", "2025-06-01"),
                    ("period[end]", "2025-12-31"), ("phases[0][period][start]", "2025-06-01"),
                    ("phases[0][period][end]", "2025-09-30"), ("phases[0][budgetWan]", "5.5"),
                    ("phases[0][goal]", "调研"),
                    ("phases[1][budgetWan]", "三万"), ("cooperationContent[codes][]", "delegationAbroad"),
                    ("delegationMembers[0][name]", "张三"), ("delegationMembers[0][field]", "水稻育种"),
                    ("summaryContent", String(repeating: "字", count: 301)),
                ])
            #expect(response.status == .ok)
            struct Saved: Decodable {
                var version: Int
                var savedAt: String
                var requestedWan: String
                var problems: [ApplicationBody.ProblemBody]
            }
            let saved = try response.content.decode(Saved.self)
            #expect(saved.version == 2)
            #expect(saved.requestedWan == "5.5")
            let fields = Set(saved.problems.map(\.field))
            #expect(fields.contains("phases[1].budgetYuan"))
            #expect(saved.problems.contains { $0.message.contains("三万") })
            #expect(fields.contains("delegationMembers"))
            #expect(fields.contains("summaryContent"))
            let stored = try #require(try await ApplicationModel.query(on: app.db).first())
            #expect(stored.form.phases?.first?.budgetYuan == 55_000)
            #expect(stored.form.projectName == "湘非农业合作")

            // Saving with an old version (another tab) is refused, not silently merged.
            let stale = try await browser.post(path + "/autosave", form: [("version", "1"), ("projectName", "旧")])
            #expect(stale.status == .conflict)
        }
    }

    @Test func theFormIsSubmittedFromThePageAndThenReadOnly() async throws {
        try await withShenbao { app in
            let browser = try await signedInApplicant(app)
            let token = try await app.apiToken("hongsi", "Xiangjiang2025")
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            try await browser.get("/applications/\(id)")
            let missing = try await browser.post("/applications/\(id)/submit", form: [("recommenderId", "")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("请选择推荐单位"))
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let submitted = try await browser.post(
                "/applications/\(id)/submit", form: [("recommenderId", yuelu.uuidString)])
            #expect(submitted.status == .seeOther)
            let view = try await browser.get(try #require(submitted.headers.first(name: .location)))
            let html = view.body.string
            #expect(html.contains("已提交，等待推荐单位审核"))
            #expect(html.contains("待推荐单位审核"))
            #expect(html.contains("岳麓区科学技术协会"))
            #expect(!html.contains("data-autosave="))
            let print = try await browser.get("/applications/\(id)/print")
            let printed = print.body.string
            #expect(printed.contains("湖南省科协国际科技交流会议项目申报书"))
            #expect(printed.contains("2025年6月1日 至 2025年12月31日"))
            #expect(printed.contains("申报编号：2025-HY-0001"))
            // All four sections, the form's cover lines and edition; nothing empty printed.
            for heading in ["一、申报单位基本情况", "二、申报项目基本情况", "三、申报单位承诺", "四、审查意见", "联 系 人：", "2025年2月"] {
                #expect(printed.contains(heading), "\(heading)")
            }
            #expect(!printed.contains("（）"))
            #expect(!printed.contains("<td> 至 </td>") && !printed.contains("<td>至</td>"))
            #expect(printed.contains("id=\"print-button\"") && printed.contains("返回"))
            let list = try await browser.get("/applications")
            #expect(list.body.string.contains("2025中德智能制造国际研讨会"))
            #expect(list.body.string.contains("15 万元"))
        }
    }

    @Test func aRenamedExecutableUploadedFromThePageIsExplainedBesideTheUpload() async throws {
        try await withShenbao { app in
            let browser = try await signedInApplicant(app)
            let created = try await browser.post("/applications", form: [("category", "conference")])
            let path = try #require(created.headers.first(name: .location))
            try await browser.get(path)
            let boundary = "XyZ"
            var body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf ?? "")\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsignedScan\r\n"
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"setup.pdf\"\r\n\r\nMZ\u{90}binary\r\n--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            headers.replaceOrAdd(name: .cookie, value: "shenbao_session=\(browser.cookie ?? "")")
            try await app.testing().test(.POST, path + "/attachments", headers: headers, body: ByteBuffer(string: body))
            {
                response in
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains("不是 PDF、JPEG、PNG 或 Word"))
            }
            #expect(try await AttachmentModel.query(on: app.db).count() == 0)
        }
    }
}
