import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoDocuments
@testable import ShenbaoServer

/// Importing recommender lists as Excel and WPS save them, and the province's pages.
@Suite struct RecommenderImportAndPagesTests {
    /// The 14 cities and 122 counties seeded at the first start.
    static let seeded = 136

    struct ImportBody: Decodable {
        struct Created: Decodable { var row: Int; var name: String; var kindLabel: String }
        var imported: Int
        var recommenders: [Created]
    }

    /// Sends `data` as the whole body, as a script would.
    static func send(_ app: Application, token: String, _ data: Data, name: String) async throws -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        headers.contentType = .init(type: "application", subType: "octet-stream")
        var result: TestingHTTPResponse?
        try await app.testing().test(
            .POST, "/api/v1/recommenders/import?name=\(name)", headers: headers, body: ByteBuffer(data: data)
        ) { result = $0 }
        return try #require(result)
    }

    /// Sends `data` as the multipart `file` of a form, with the page's CSRF token when given.
    static func multipart(
        _ app: Application, path: String, token: String? = nil, browser: Browser? = nil, _ data: Data, name: String
    ) async throws -> TestingHTTPResponse {
        let boundary = "----shenbao\(UUID().uuidString.prefix(8))"
        var body = Data()
        if let csrf = browser?.csrf {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let token { headers.bearerAuthorization = .init(token: token) }
        if let cookie = browser?.cookie { headers.replaceOrAdd(name: .cookie, value: "shenbao_session=\(cookie)") }
        var result: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(data: body)) { result = $0 }
        return try #require(result)
    }

    static func recommenderCount(_ app: Application) async throws -> Int {
        try await OrganizationModel.query(on: app.db).filter(\.$kind == .recommender).count()
    }

    @Test("a UTF-8 CSV with bad rows stores nothing and names every bad row; a good one imports all")
    func utf8CSV() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let header = "单位名称,类别,行政区划代码\n"
            let bad = try await Self.send(
                app, token: province,
                Data(
                    (header + "湖南省计算机学会,省级学会,\n" + "某乡镇科协,乡镇科协,\n" + "芙蓉区科协二,县（市、区）科协,\n"
                        + "长沙市科学技术协会,市州科协,430100\n" + "湖南省计算机学会,全国学会,\n" + "某市科协,市州科协,430104\n").utf8),
                name: "list.csv")
            #expect(bad.status == .unprocessableEntity)
            let messages = bad.problems?.errors.map(\.message) ?? []
            #expect(!messages.contains { $0.hasPrefix("第2行") })
            for line in 3...7 { #expect(messages.contains { $0.hasPrefix("第\(line)行") }, "第\(line)行") }
            #expect(messages.contains { $0.hasPrefix("第3行") && $0.contains("乡镇科协") })
            #expect(messages.contains { $0.hasPrefix("第4行") && $0.contains("行政区划代码") })
            #expect(messages.contains { $0.hasPrefix("第5行") && $0.contains("已有名为") })
            #expect(messages.contains { $0.hasPrefix("第6行") && $0.contains("与第2行重复") })
            #expect(messages.contains { $0.hasPrefix("第7行") && $0.contains("岳麓区") })
            #expect(bad.problems?.errors.contains { $0.field == "rows[4].divisionCode" } == true)
            #expect(try await Self.recommenderCount(app) == Self.seeded)

            // Excel's "CSV UTF-8" puts a byte order mark first.
            let good = try await Self.send(
                app, token: province,
                Data([0xEF, 0xBB, 0xBF])
                    + Data((header + "湖南省计算机学会,省级学会,\n\"中南大学科协\",高校科协,430100\n中国自动化学会,全国学会,110000\n").utf8),
                name: "list.csv")
            #expect(good.status == .ok, "\(good.body.string)")
            let result = try good.content.decode(ImportBody.self)
            #expect(result.imported == 3)
            #expect(result.recommenders.map(\.row) == [2, 3, 4])
            #expect(result.recommenders.map(\.kindLabel) == ["省级学会（协会、研究会）", "高校科协", "全国学会"])
            #expect(try await Self.recommenderCount(app) == Self.seeded + 3)
            #expect(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .organizationCreated).count() == 3)

            let missing = try await Self.send(app, token: province, Data("名称,备注\n某学会,x\n".utf8), name: "x.csv")
            #expect(missing.problems?.errors.first?.code == "missingColumns")
            #expect(missing.problems?.errors.first?.message.contains("类别") == true)
        }
    }

    @Test("a CSV saved by Excel or WPS on a Chinese Windows (GBK) imports as Chinese")
    func gbkCSV() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            let text = "单位名称,类别,行政区划代码\r\n湘潭大学科协,高校科协,\r\n天元区科学技术协会二,县（市、区）科协,430211\r\n"
            let data = try #require(text.data(using: CSVText.gb18030))
            #expect(String(data: data, encoding: .utf8) == nil)
            let response = try await Self.send(app, token: province, data, name: "推荐单位.csv")
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(try response.content.decode(ImportBody.self).recommenders.map(\.name) == ["湘潭大学科协", "天元区科学技术协会二"])
            let county = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$name == "天元区科学技术协会二").first())
            #expect(county.recommenderKind == .county)
            #expect(county.divisionCode == "430211")
        }
    }

    @Test("an .xlsx with the code typed as a number imports, through the multipart form too")
    func xlsx() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "hnkx", .province)
            var workbook = XlsxWorkbook()
            workbook.addSheet(
                XlsxSheet(
                    name: "推荐单位",
                    rows: [
                        [.text("单位名称"), .text("类别"), .text("行政区划代码")],
                        [.text("湖南省科技馆科协"), .text("企业（园区）科协"), .empty],
                        [.text("浏阳经开区科协"), .text("企业科协"), .number(430181)],
                        [],
                        [.text("长沙县科协二"), .text("county"), .number(430121)],
                    ]))
            let data = try workbook.data()
            let response = try await Self.multipart(
                app, path: "/api/v1/recommenders/import", token: province, data, name: "推荐单位.xlsx")
            #expect(response.status == .ok, "\(response.body.string)")
            let result = try response.content.decode(ImportBody.self)
            #expect(result.recommenders.map(\.row) == [2, 3, 5])
            let county = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$name == "长沙县科协二").first())
            #expect(county.divisionCode == "430121")

            var bad = XlsxWorkbook()
            bad.addSheet(
                XlsxSheet(
                    name: "推荐单位",
                    rows: [
                        [.text("单位名称"), .text("类别"), .text("行政区划代码")],
                        [.text("某市科协"), .text("市州科协"), .number(430181)],
                    ]))
            let refused = try await Self.multipart(
                app, path: "/api/v1/recommenders/import", token: province, try bad.data(), name: "bad.xlsx")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.problems?.errors.first?.message.hasPrefix("第2行：") == true)
            #expect(refused.problems?.errors.first?.message.contains("浏阳市") == true)
        }
    }

    @Test("the province's pages: filter, add with errors beside the fields, edit, accounts, deactivate, import")
    func pages() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            try await browser.logIn("province1", TestUsers.password)

            let list = try await browser.get("/admin/recommenders?kind=county")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("岳麓区科学技术协会"))
            #expect(!list.body.string.contains("长沙市科学技术协会"))
            #expect(list.body.string.contains("新增推荐单位"))
            #expect(list.body.string.contains("从 Excel 或 CSV 导入"))

            let bad = try await browser.post(
                "/admin/recommenders", form: [("name", ""), ("kind", "county"), ("divisionCode", "430100")])
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("请填写单位名称"))
            #expect(html.contains("县（市、区）科协应填所在县（市、区）的代码"))
            #expect(html.contains("<option value=\"county\" selected>"))

            let created = try await browser.post(
                "/admin/recommenders", form: [("name", "湖南省物理学会"), ("kind", "provincialSociety"), ("divisionCode", "")])
            #expect(created.status == .seeOther)
            let path = try #require(
                created.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            let page = try await browser.get(path + "?done=created")
            #expect(page.body.string.contains("湖南省物理学会"))
            #expect(page.body.string.contains("已新增该推荐单位"))
            #expect(page.body.string.contains("开通用户账号"))
            #expect(page.body.string.contains("name=\"_confirm\" value=\"确定停用湖南省物理学会吗？"))

            let user = try await browser.post(
                path + "/users",
                form: [
                    ("username", "wuli"), ("password", "Dongtinghu2025"), ("contactName", "王老师"),
                    ("phone", "13911112222"),
                    ("email", "wuli@example.com"),
                ])
            #expect(user.status == .seeOther)
            #expect(
                try await UserModel.query(on: app.db).filter(\.$username == "wuli").first()?.mustChangePassword == true)
            let weak = try await browser.post(
                path + "/users",
                form: [("username", "wuli2"), ("password", "123"), ("contactName", "王"), ("phone", "13911112222")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("密码至少8个字符"))
            #expect(weak.body.string.contains("请填写电子邮箱"))
            #expect(!weak.body.string.contains("value=\"123\""))

            let noReason = try await browser.post(path + "/deactivate", form: [("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("请填写停用原因"))
            #expect(try await browser.post(path + "/deactivate", form: [("reason", "学会合并")]).status == .seeOther)
            let inactive = try await browser.get(path)
            #expect(inactive.body.string.contains("停用原因：学会合并"))
            #expect(inactive.body.string.contains("重新启用"))
            let filtered = try await browser.get("/admin/recommenders?state=inactive")
            #expect(filtered.body.string.contains("湖南省物理学会"))
            #expect(!filtered.body.string.contains("岳麓区科学技术协会"))

            let edited = try await browser.post(
                path, form: [("name", "湖南省物理学会（更名）"), ("kind", "provincialSociety"), ("divisionCode", "")])
            #expect(edited.status == .seeOther)

            let imported = try await Self.multipart(
                app, path: "/admin/recommenders/import", browser: browser,
                Data("单位名称,类别\n湖南省数学学会,省级学会\n".utf8), name: "list.csv")
            #expect(imported.status == .ok, "\(imported.body.string)")
            #expect(imported.body.string.contains("已导入 1 个推荐单位"))
            let refused = try await Self.multipart(
                app, path: "/admin/recommenders/import", browser: browser,
                Data("单位名称,类别\n湖南省数学学会,省级学会\n".utf8), name: "list.csv")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("第2行：已有名为“湖南省数学学会”的推荐单位"))
        }
    }

    @Test("a county's page lists what it holds and hands it over after a confirmation")
    func handoverPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let city = try await ApplicationFixtures.recommenderID(app, named: "长沙市科学技术协会")
            let browser = Browser(app)
            try await browser.logIn("hnkx", TestUsers.password)
            let path = "/admin/recommenders/\(county)"
            let page = try await browser.get(path)
            let html = page.body.string
            #expect(html.contains("2025中德智能制造国际研讨会"))
            #expect(html.contains("待本单位审核"))
            #expect(html.contains("name=\"_confirm\" value=\"确定将这 1 份申报书移交所选推荐单位吗？"))
            #expect(html.contains("<option value=\"\(city.uuidString)\">长沙市科学技术协会（长沙市）</option>"))
            // Only its own route is offered: no provincial society, not itself.
            #expect(!html.contains("<option value=\"\(county.uuidString)\">"))

            let refused = try await browser.post(path + "/handover", form: [("targetId", city.uuidString)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("请填写移交原因"))
            let moved = try await browser.post(
                path + "/handover", form: [("targetId", city.uuidString), ("reason", "岳麓区科协换届期间由市科协审核")])
            #expect(moved.status == .seeOther)
            let after = try await browser.get(try #require(moved.headers.first(name: .location)))
            #expect(after.body.string.contains("已移交 1 份申报书"))
            #expect(after.body.string.contains("没有在办的申报书"))
            #expect(try await ApplicationModel.find(id, on: app.db)?.$holder.id == city)
        }
    }
}
