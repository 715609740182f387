import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import ShenbaoServer

@Suite("The province edits a call's numbers, lists and texts")
struct CallEditorTests {
    typealias Input = CallEditorService.Input

    /// The call as the API answers it (a draft only to the province).
    static func load(_ app: Application, _ year: Int, token: String? = nil) async throws -> Input {
        try await app.api(.GET, "/api/v1/calls/\(year)", token: token).content.decode(Input.self)
    }

    static func wordXML(_ app: Application, _ id: UUID, token: String) async throws -> String {
        let response = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.docx", token: token)
        let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("next year's copy is set up through the API: quotas, amounts, an option renamed, retired and added")
    func nextYear() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "sheng", .province)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/copy", token: province).status == .created)
            var call = try await Self.load(app, 2026, token: province)
            call.totalFunded = Bounds(min: 10, max: 24)
            call.categories[0].funded = Bounds(min: 4, max: 6)
            call.categories[0].amountYuan = Bounds(min: 80_000, max: 300_000)
            call.categories[0].cooperationContent[0].label = "主办国际科技交流研讨会"
            call.categories[0].cooperationContent[1].retired = true
            call.categories[0].cooperationContent.insert(Option(code: "youthForum", label: "青年科学家国际论坛"), at: 2)
            call.priorityConditions[3].label = "国家级及省级海智类基地"
            call.formEdition = "2026-02"
            let saved = try await app.api(.PUT, "/api/v1/calls/2026/definition", token: province, json: call)
            #expect(saved.status == .ok, "\(saved.body.string)")

            let stored = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2026).first()).current
            #expect(stored.totalFunded == Bounds(min: 10, max: 24))
            #expect(stored.categories[0].amountYuan.max == 300_000)
            #expect(
                stored.categories[0].cooperationContent.map(\.code).prefix(3) == [
                    "hostSymposium", "highLevelForum", "youthForum",
                ])
            #expect(stored.categories[0].cooperationContent[1].isRetired)
            #expect(stored.formEditionLabel == "2026年2月")
            #expect(stored.phase == .draft && stored.year == 2026)
            // The 2025 call is untouched, and the edit is on the security trail.
            #expect(try await Self.load(app, 2025).categories[0].amountYuan.max == 200_000)
            #expect(
                try await SecurityEventModel.query(on: app.db).filter(\.$action == .callDefinitionEdited).count() == 1)
        }
    }

    @Test("every mistake of the editor at once, each naming its field")
    func mistakes() async throws {
        try await withShenbao { app in
            let province = try await ReviewFixtures.token(app, "sheng", .province)
            var call = try await Self.load(app, 2025)
            call.title = ""
            call.categories[0].funded = Bounds(min: 15, max: 15)
            call.categories[1].funded = Bounds(min: 7, max: 8)
            call.categories[1].fields[1].label = ""
            call.noticeWorkingDays = 3
            call.submission.email = "not-an-address"
            let refused = try await app.api(.PUT, "/api/v1/calls/2025/definition", token: province, json: call)
            #expect(refused.status == .unprocessableEntity)
            let problems = try #require(refused.problems?.errors)
            #expect(
                Set(problems.map(\.field)) == [
                    "title", "totalFunded.max", "categories[1].fields[1].label", "noticeWorkingDays",
                    "submission.email",
                ])
            #expect(problems.contains { $0.message == "各类别资助数量下限之和为22项，超过资助项目总数上限20项" })
            #expect(try await Self.load(app, 2025).title.hasPrefix("2025年度"))
            // Not the applicant's to change.
            let people = try await ChainPeople.make(app)
            let call2025 = try await Self.load(app, 2025)
            #expect(
                try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.applicant, json: call2025).status
                    == .forbidden)
        }
    }

    @Test("once applications use the call, what would break them is refused with the list; retiring is not")
    func usedCall() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            var call = try await Self.load(app, 2025)
            let used = try #require(call.categories[0].cooperationContent.firstIndex { $0.code == "hostSymposium" })
            var breaking = call
            breaking.categories[0].cooperationContent.remove(at: used)
            breaking.categories[0].amountYuan.min = 160_000
            let refused = try await app.api(
                .PUT, "/api/v1/calls/2025/definition", token: people.province, json: breaking)
            #expect(refused.status == .conflict)
            #expect(refused.problems?.error.code == "usedByApplications")
            let messages = try #require(refused.problems?.errors).map(\.message)
            #expect(messages.count == 2)
            #expect(messages.contains { $0.contains("不能删除，可改为停用") })
            #expect(messages.contains("已有国际科技交流会议项目申报书申请15万元，资助金额下限不能高于此数"))

            // Retired instead: saved; the draft's Word form still prints the option it ticked,
            // but submitting it now asks for another choice.
            let label = call.categories[0].cooperationContent[used].label
            call.categories[0].cooperationContent[used].retired = true
            #expect(
                try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.province, json: call).status
                    == .ok)
            #expect(try await Self.wordXML(app, id, token: people.applicant).contains(label))
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let submit = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            #expect(submit.status == .unprocessableEntity)
            #expect(submit.problems?.errors.contains { $0.message == "合作内容中的“\(label)”已停用，请改选其他选项" } == true)
        }
    }

    /// What a browser would send back from the page: every text input and textarea with its
    /// value, every select's chosen option, every ticked checkbox (the CSRF token among them).
    static func formValues(_ html: String) -> [(String, String)] {
        func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        var values: [(String, String)] = []
        let form = html.components(separatedBy: "id=\"call-definition\"").last ?? html
        for tag in form.components(separatedBy: "<input").dropFirst() {
            let attributes = String(tag.prefix { $0 != ">" })
            func attribute(_ name: String) -> String? {
                guard let start = attributes.range(of: " \(name)=\"") else { return nil }
                return String(attributes[start.upperBound...].prefix { $0 != "\"" })
            }
            guard let name = attribute("name") else { continue }
            if attribute("type") == "checkbox", !attributes.contains(" checked") { continue }
            values.append((name, unescape(attribute("value") ?? "")))
        }
        for part in form.components(separatedBy: "<select").dropFirst() {
            guard let start = part.range(of: "name=\"") else { continue }
            let name = String(part[start.upperBound...].prefix { $0 != "\"" })
            var chosen = ""
            for option in (part.components(separatedBy: "</select>").first ?? "").components(separatedBy: "<option")
            where option.prefix(while: { $0 != ">" }).contains(" selected") {
                guard let value = option.range(of: "value=\"") else { continue }
                chosen = String(option[value.upperBound...].prefix { $0 != "\"" })
            }
            values.append((name, chosen))
        }
        for part in form.components(separatedBy: "<textarea").dropFirst() {
            guard let start = part.range(of: "name=\""), let close = part.firstIndex(of: ">") else { continue }
            let name = String(part[start.upperBound...].prefix { $0 != "\"" })
            let text = part[part.index(after: close)...].components(separatedBy: "</textarea>").first ?? ""
            values.append((name, unescape(text)))
        }
        return values
    }

    @Test("the editor's page: mistakes beside their inputs, what was typed kept; an option added, one retired")
    func page() async throws {
        try await withShenbao { app in
            _ = try await ReviewFixtures.token(app, "sheng", .province)
            let browser = Browser(app)
            try await browser.logIn("sheng", TestUsers.password)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID())
            let path = "/admin/calls/\(callID)/definition"
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("申报指南设置：2025年度") && html.contains("尚无申报书使用本指南"))
            #expect(html.contains("value=\"20\"") && html.contains("主办、承办国际或区域性科技交流与合作研讨会"))
            var form = Self.formValues(html).filter { $0.0 != "_csrf" }
            func set(_ key: String, _ value: String) {
                form.removeAll { $0.0 == key }
                form.append((key, value))
            }

            set("total_min", "八")
            set("c0_amax", "2")
            set("c0f1_label", "")
            let refused = try await browser.post(path, form: form)
            #expect(refused.status == .unprocessableEntity)
            let echoed = refused.body.string
            #expect(echoed.contains("id=\"total_min-error\">资助项目总数下限应为整数，现为“八”"))
            #expect(echoed.contains("id=\"c0_amin-error\">国际科技交流会议项目资助金额下限（50000元）不能大于上限（20000元）"))
            #expect(echoed.contains("请填写国际科技交流会议项目的合作领域第2项"))
            #expect(echoed.contains("value=\"八\""), "what was typed is kept")

            set("total_min", "8")
            set("c0_amax", "25")
            set("c0f1_label", "现代农业")
            set("c0cc1_retired", "1")
            set("c0cc3_label", "青年科学家国际论坛")
            set("c0cc3_order", "0")
            let saved = try await browser.post(path, form: form)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(3000))")
            let call = try #require(try await CallModel.find(callID, on: app.db)).current
            #expect(call.categories[0].amountYuan.max == 250_000)
            #expect(call.categories[0].cooperationContent.first?.label == "青年科学家国际论坛")
            #expect(call.categories[0].cooperationContent[2].isRetired)
            #expect(call.categories[0].cooperationContent.count == 4)
            #expect(call.categories[0].fields[1].label == "现代农业")
            #expect(try await browser.get(path + "?done=saved").body.string.contains("已保存"))
        }
    }

    static func zipEntry(_ data: Data, _ path: String) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "a 2026 call set up through the API alone, three extra questions answered and submitted; 2025's papers unchanged"
    )
    func nextYearEndToEnd() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let old = try await ApplicationFixtures.submitted(app, people)
            let oldWord = try await app.api(
                .GET, "/api/v1/applications/\(old)/documents/form.docx", token: people.applicant)
            let oldList = try await app.api(.GET, "/api/v1/calls/2025/applications.xlsx", token: people.province)
            #expect(oldWord.status == .ok && oldList.status == .ok)

            // The copy, edited: quotas, bounds, an option renamed, a condition's text, three questions.
            #expect(try await app.api(.POST, "/api/v1/calls/2025/copy", token: people.province).status == .created)
            var call = try await Self.load(app, 2026, token: people.province)
            call.totalFunded = Bounds(min: 10, max: 22)
            call.categories[0].funded = Bounds(min: 4, max: 6)
            call.categories[0].amountYuan = Bounds(min: 100_000, max: 250_000)
            call.categories[0].fields[0].label = "先进制造与智能装备"
            call.priorityConditions[3].label = "国家级及省级海智类基地"
            call.questions = [
                Question(code: "partnersSigned", label: "已签署合作协议的外方单位", kind: .shortText, required: true),
                Question(
                    code: "format", label: "举办形式", kind: .singleChoice, required: true,
                    options: [Option(code: "online", label: "线上"), Option(code: "offline", label: "线下")]),
                Question(code: "firstTime", label: "是否首次举办", kind: .yesNo, required: true),
            ]
            let saved = try await app.api(.PUT, "/api/v1/calls/2026/definition", token: people.province, json: call)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            #expect(
                try await app.api(
                    .PUT, "/api/v1/calls/2026", token: people.province, json: ["deadline": "\(year)-03-31 17:00"]
                )
                .status == .ok)
            let opened = try await app.api(
                .PUT, "/api/v1/calls/2026/phase", token: people.province, json: ["phase": "open"])
            #expect(opened.status == .ok, "\(opened.body.string)")
            // The public API gives the questions to any client.
            let published = try await Self.load(app, 2026)
            #expect(published.questions?.map(\.code) == ["partnersSigned", "format", "firstTime"])

            // An applicant's draft now belongs to 2026; unanswered questions stop the submission.
            let id = try await ApplicationFixtures.readyDraft(app, token: people.applicant)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let body = ["recommenderId": county.uuidString]
            let early = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant, json: body)
            #expect(early.status == .unprocessableEntity)
            let messages = Set((early.problems?.errors ?? []).map(\.message))
            #expect(messages.isSuperset(of: ["请填写已签署合作协议的外方单位", "请选择举办形式", "请选择是否首次举办"]))
            var form = CompleteApplication.conference()
            form.answers = [
                "partnersSigned": .text("Fraunhofer IPA"), "format": .text("offline"), "firstTime": .flag(true),
            ]
            #expect(try await ApplicationFixtures.fill(app, id, token: people.applicant, form: form).status == .ok)
            let submitted = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant, json: body)
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            let stored = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(try await stored.$call.get(on: app.db).year == 2026)

            // Its Word form ends with 补充信息; the 2026 list has a column per question.
            let word = try await app.api(
                .GET, "/api/v1/applications/\(id)/documents/form.docx", token: people.applicant)
            let document = try Self.zipEntry(Data(buffer: word.body), "word/document.xml")
            for text in ["补充信息", "已签署合作协议的外方单位", "Fraunhofer IPA", "举办形式", "线下", "是否首次举办"] {
                #expect(document.contains(text), "\(text)")
            }
            let list = try await app.api(.GET, "/api/v1/calls/2026/applications.xlsx", token: people.province)
            let strings = try Self.zipEntry(Data(buffer: list.body), "xl/sharedStrings.xml")
            #expect(strings.contains("已签署合作协议的外方单位") && strings.contains("线下"))

            // The 2025 application's form and the 2025 list are byte for byte what they were.
            let oldWordAfter = try await app.api(
                .GET, "/api/v1/applications/\(old)/documents/form.docx", token: people.applicant)
            #expect(Data(buffer: oldWordAfter.body) == Data(buffer: oldWord.body))
            let oldListAfter = try await app.api(.GET, "/api/v1/calls/2025/applications.xlsx", token: people.province)
            #expect(Data(buffer: oldListAfter.body) == Data(buffer: oldList.body))
            #expect(!(try Self.zipEntry(Data(buffer: oldWordAfter.body), "word/document.xml")).contains("补充信息"))
        }
    }

    @Test("the applicant answers the extra questions on the form page, each typed as its question asks")
    func questionsOnTheFormPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            var call = try await Self.load(app, 2025)
            call.questions = [
                Question(code: "partnersSigned", label: "已签署合作协议的外方单位", kind: .shortText, required: true),
                Question(code: "attendees", label: "预计参会人数", kind: .number, minimum: 10, maximum: 2_000),
                Question(
                    code: "format", label: "举办形式", kind: .singleChoice, required: true,
                    options: [Option(code: "online", label: "线上"), Option(code: "offline", label: "线下")]),
                Question(
                    code: "languages", label: "工作语言", kind: .multipleChoice,
                    options: [Option(code: "zh", label: "中文"), Option(code: "en", label: "英文")]),
                Question(code: "firstTime", label: "是否首次举办", kind: .yesNo, required: true),
                Question(code: "onlyCooperation", label: "合作项目才问的问题", kind: .shortText, categories: [.cooperation]),
            ]
            #expect(
                try await app.api(.PUT, "/api/v1/calls/2025/definition", token: people.province, json: call).status
                    == .ok)
            let id = try await ApplicationFixtures.createDraft(app, token: people.applicant)
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let page = try await browser.get("/applications/\(id)").body.string
            #expect(page.contains("补充信息（本年度申报指南增加的问题）"))
            #expect(page.contains("已签署合作协议的外方单位 *") && page.contains("value=\"offline\""))
            #expect(!page.contains("合作项目才问的问题"), "a conference form does not ask the cooperation's question")

            let answers: [(String, String)] = [
                ("answers[partnersSigned]", "Fraunhofer IPA"), ("answers[format]", "offline"),
                ("answerChoices[languages][]", ""), ("answerChoices[languages][]", "zh"),
                ("answerChoices[languages][]", "en"), ("answers[firstTime]", "yes"),
            ]
            let refused = try await browser.post("/applications/\(id)", form: answers + [("answers[attendees]", "三百")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("id=\"err_answers_attendees\">预计参会人数应为整数，现为“三百”"))
            // The bounds are said before the mistake, and read out with the input with its problem.
            #expect(refused.body.string.contains("id=\"h_answers_attendees\">填写10至2000之间的整数</p>"))
            #expect(refused.body.string.contains("aria-describedby=\"h_answers_attendees err_answers_attendees\""))
            let saved = try await browser.post("/applications/\(id)", form: answers + [("answers[attendees]", "300")])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(2000))")
            let stored = try #require(try await ApplicationModel.find(id, on: app.db)).form.answers
            #expect(
                stored == [
                    "partnersSigned": .text("Fraunhofer IPA"), "attendees": .number(300), "format": .text("offline"),
                    "languages": .choices(["zh", "en"]), "firstTime": .flag(true),
                ])
            let again = try await browser.get("/applications/\(id)").body.string
            #expect(again.contains("value=\"offline\" checked") && again.contains("value=\"yes\" checked"))
        }
    }

    @Test(
        "the editor's page edits the extra questions: added by kind, mistakes beside their rows, an answered one kept")
    func questionsOnTheEditorPage() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID())
            let path = "/admin/calls/\(callID)/definition"
            let page = try await province.get(path).body.string
            #expect(page.contains("<h2>补充问题</h2>") && page.contains("<label for=\"q0_kind\">类型</label>"))
            #expect(page.contains("<option value=\"singleChoice\">单选</option>"))
            var form = Self.formValues(page).filter { $0.0 != "_csrf" }
            func set(_ key: String, _ value: String) {
                form.removeAll { $0.0 == key }
                form.append((key, value))
            }

            // Two new questions, each with a mistake: a choice without options, a bound that is no number.
            set("q0_label", "举办形式")
            set("q0_kind", "singleChoice")
            set("q0_required", "1")
            set("q1_label", "预计参会人数")
            set("q1_kind", "number")
            set("q1_cat", "conference")
            set("q1_min", "10")
            set("q1_max", "两千")
            let refused = try await province.post(path, form: form)
            #expect(refused.status == .unprocessableEntity)
            let echoed = refused.body.string
            #expect(echoed.contains("id=\"q0_options-error\">请为第1个补充问题设置选项"))
            #expect(echoed.contains("id=\"q1_max-error\">补充问题“预计参会人数”的最大值应为整数，现为“两千”"))
            #expect(echoed.contains("value=\"两千\"") && echoed.contains("value=\"举办形式\""), "what was typed is kept")
            #expect(echoed.contains("<option value=\"number\" selected>数字</option>"))
            #expect(try await CallModel.find(callID, on: app.db)?.current.questions == nil)

            set("q0_options", "线上\n线下\n")
            set("q1_max", "2000")
            let saved = try await province.post(path, form: form)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(3000))")
            // A third, of a third kind, in a blank row of the saved page.
            form = Self.formValues(try await province.get(path).body.string).filter { $0.0 != "_csrf" }
            #expect(
                form.contains { $0 == ("q0_kind", "singleChoice") } && form.contains { $0 == ("q1_cat", "conference") })
            set("q2_label", "合作协议签署情况")
            set("q2_kind", "longText")
            set("q2_maxlen", "300")
            set("q2_help", "写明外方单位和签署日期")
            #expect(try await province.post(path, form: form).status == .seeOther)
            let questions = try #require(try await CallModel.find(callID, on: app.db)?.current.questions)
            #expect(questions.map(\.label) == ["举办形式", "预计参会人数", "合作协议签署情况"])
            #expect(questions.map(\.kind) == [.singleChoice, .number, .longText])
            #expect(questions[0].required && questions[0].options?.map(\.label) == ["线上", "线下"])
            #expect(questions[1].categories == [.conference] && questions[1].maximum == 2_000)
            #expect(questions[2].maxLength == 300 && questions[2].help == "写明外方单位和签署日期")

            // The applicant's form asks them, and the applicant answers the first.
            let id = try await ApplicationFixtures.createDraft(app, token: people.applicant)
            let applicant = Browser(app)
            try await applicant.logIn("hongsi", "Xiangjiang2025")
            let applicantPage = try await applicant.get("/applications/\(id)").body.string
            for text in ["举办形式 *", "线下", "预计参会人数", "合作协议签署情况", "写明外方单位和签署日期"] {
                #expect(applicantPage.contains(text), "\(text)")
            }
            let offline = try #require(questions[0].options?.last?.code)
            let answered = try await applicant.post(
                "/applications/\(id)", form: [("answers[\(questions[0].code)]", offline)])
            #expect(answered.status == .seeOther, "\(answered.body.string.prefix(2000))")
            // The on-screen document (the print view) ends with 补充信息, the answer as its option's text.
            let printed = try await applicant.get("/applications/\(id)/print").body.string
            #expect(printed.contains("<h2>补充信息</h2>") && printed.contains("<th>举办形式</th><td class=\"long\">线下</td>"))

            // Removing the answered question is refused with the message, beside the questions;
            // the unanswered one may go; an answered option taken out stays, retired.
            form = Self.formValues(try await province.get(path).body.string).filter { $0.0 != "_csrf" }
            set("q0_remove", "1")
            set("q1_remove", "1")
            let kept = try await province.post(path, form: form)
            #expect(kept.status == .conflict)
            #expect(kept.body.string.contains("已有申报书回答了补充问题“举办形式”，不能删除"))
            #expect(try await CallModel.find(callID, on: app.db)?.current.questions?.count == 3)
            form.removeAll { $0.0 == "q0_remove" }
            set("q0_options", "线上\n现场")
            #expect(try await province.post(path, form: form).status == .seeOther)
            let after = try #require(try await CallModel.find(callID, on: app.db)?.current.questions)
            #expect(after.map(\.label) == ["举办形式", "合作协议签署情况"])
            #expect(after[0].options?.map(\.label) == ["线上", "现场", "线下"])
            #expect(after[0].options?.last?.isRetired == true && after[0].options?.last?.code == offline)
        }
    }
}
