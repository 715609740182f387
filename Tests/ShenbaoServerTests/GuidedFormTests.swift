import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The guided application form (issue 27 item 5): quiet until asked, then every problem by its
/// field with the ARIA links; the step bar; the signed scan that an edit makes outdated.
@Suite struct GuidedFormTests {
    /// Every field error paragraph of the page that is not hidden.
    static func visibleErrors(_ html: String) -> [String] {
        html.matches(of: /<p class="field-error"[^>]*>/).map { String($0.output) }.filter { !$0.contains(" hidden") }
    }

    /// The step the bar marks with aria-current, by its label.
    static func currentStep(_ html: String) -> String? {
        html.firstMatch(
            of: /aria-current="step"><span class="step-number">\d<\/span> <span class="step-label">([^<]+)</
        )
        .map { String($0.output.1) }
    }

    func applicantWithDraft(_ app: Application) async throws -> (Browser, String) {
        _ = try await ApplicationFixtures.registerApplicant(app)
        let browser = Browser(app)
        try await browser.logIn("hongsi", "Xiangjiang2025")
        let created = try await browser.post("/applications", form: [("category", "conference")])
        return (browser, try #require(created.headers.first(name: .location)))
    }

    @Test func aBlankDraftShowsNoRedButListsWhatIsMissing() async throws {
        try await withShenbao { app in
            let (browser, path) = try await applicantWithDraft(app)
            let html = try await browser.get(path).body.string
            #expect(!html.contains("aria-invalid=\"true\""))
            #expect(Self.visibleErrors(html) == [])
            #expect(!html.contains("class=\"field invalid"))
            // The summary is there, quiet and folded, each item a link to its field.
            #expect(html.contains("class=\"flash problems note\""))
            #expect(html.contains("<a href=\"#f_projectName\">请填写项目名称</a>"))
            #expect(html.contains("id=\"check-button\""))
            #expect(Self.currentStep(html) == "填写")
        }
    }

    @Test func checkingShowsEveryProblemBesideItsFieldWithItsARIALinks() async throws {
        try await withShenbao { app in
            let (browser, path) = try await applicantWithDraft(app)
            // 检查 without JavaScript: the form is saved and the page comes back checked.
            let version = try #require(try await ApplicationModel.query(on: app.db).first()).version
            let checked = try await browser.post(
                path, form: [("version", String(version)), ("projectName", ""), ("check", "1")])
            #expect(checked.status == .seeOther)
            #expect(checked.headers.first(name: .location) == path + "?check=1#problems")
            let html = try await browser.get(path + "?check=1").body.string
            #expect(html.contains("class=\"flash problems error\""))
            #expect(html.contains("<details id=\"problem-details\" open>"))
            #expect(
                html.contains(
                    #"<input id="f_projectName" aria-invalid="true" aria-describedby="err_projectName" name="projectName""#
                ))
            #expect(
                html.contains(#"<p class="field-error" id="err_projectName" data-error-for="projectName">请填写项目名称</p>"#))
            #expect(html.contains(#"aria-describedby="err_commitment_accepted""#))
            #expect(html.contains(#"aria-describedby="err_cooperationContent_codes""#))
            #expect(Self.visibleErrors(html).count > 10)
            // A submit attempt is a check too.
            let submitted = try await browser.post(path + "/submit", form: [("recommenderId", "")])
            #expect(submitted.status == .unprocessableEntity)
            #expect(submitted.body.string.contains(#"aria-describedby="err_projectName""#))
            #expect(submitted.body.string.contains(#"aria-describedby="err_recommenderId""#))
        }
    }

    @Test func aValueTypedWrongShowsAtOnceWithoutAskingToCheck() async throws {
        try await withShenbao { app in
            let (browser, path) = try await applicantWithDraft(app)
            let saved = try await browser.post(
                path + "/autosave", form: [("version", "1"), ("contactPhone", "123"), ("partners[0][name]", "柏林工大")])
            #expect(saved.status == .ok)
            struct Saved: Decodable {
                struct Link: Decodable {
                    var field: String
                    var anchor: String
                }
                var links: [Link]
            }
            let links = try saved.content.decode(Saved.self).links
            #expect(links.contains { $0.field == "contactPhone" && $0.anchor == "f_contactPhone" })
            #expect(
                links.contains {
                    $0.field == "partners[0].countryOrRegion" && $0.anchor == "f_partners_0_countryOrRegion"
                })
            let html = try await browser.get(path).body.string
            #expect(html.contains(#"aria-invalid="true" aria-describedby="err_contactPhone""#))
            // Still quiet about what is only missing.
            #expect(!html.contains(#"aria-describedby="err_projectName""#))
            #expect(
                !html.contains(#"id="f_partners_0_countryOrRegion" name="partners[0][countryOrRegion]" aria-invalid"#))
        }
    }

    @Test func theStepBarFollowsTheApplicationsData() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let id = try await ApplicationFixtures.createDraft(app, token: people.applicant)
            _ = try await ApplicationFixtures.fill(app, id, token: people.applicant)
            #expect(Self.currentStep(try await browser.get("/applications/\(id)").body.string) == "下载 Word/PDF")
            _ = try await ApplicationFixtures.upload(app, id, token: people.applicant, kind: "signedScan")
            #expect(Self.currentStep(try await browser.get("/applications/\(id)").body.string) == "上传")
            _ = try await ApplicationFixtures.upload(
                app, id, token: people.applicant, kind: "nonConfidentiality", name: "非涉密证明.pdf")
            _ = try await ApplicationFixtures.upload(
                app, id, token: people.applicant, kind: "evidence", name: "佐证材料.pdf")
            let ready = try await browser.get("/applications/\(id)").body.string
            #expect(Self.currentStep(ready) == "选择推荐渠道并提交")
            #expect(ready.contains(#"<li class="step done"><span class="step-number">1</span>"#))
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            _ = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            let sent = try await browser.get("/applications/\(id)").body.string
            #expect(Self.currentStep(sent) == "寄送纸质材料")
            // The recommender sees the application, not the applicant's steps.
            let clerk = Browser(app)
            try await clerk.logIn("yuelu", TestUsers.password)
            #expect(!(try await clerk.get("/applications/\(id)").body.string.contains("aria-current=\"step\"")))
        }
    }

    @Test func anEditAfterTheSignedScanAsksForANewScan() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let fresh = try await browser.get("/applications/\(id)").body.string
            #expect(!fresh.contains("scan-outdated"))
            // Saving the same form again changes nothing the scan shows.
            _ = try await ApplicationFixtures.fill(app, id, token: token)
            #expect(!(try await browser.get("/applications/\(id)").body.string.contains("scan-outdated")))

            var changed = CompleteApplication.conference()
            changed.projectName = "2025中德智能制造国际研讨会（第二届）"
            _ = try await ApplicationFixtures.fill(app, id, token: token, form: changed)
            let stale = try await browser.get("/applications/\(id)").body.string
            #expect(stale.contains("id=\"scan-outdated\""))  // at the top of the form
            #expect(stale.contains("id=\"scan-outdated-upload\""))  // where the scan is uploaded
            #expect(stale.contains("签字盖章扫描件与申报书不一致"))
            #expect(Self.currentStep(stale) == "下载 Word/PDF")

            _ = try await ApplicationFixtures.upload(app, id, token: token, kind: "signedScan", name: "新扫描件.pdf")
            let renewed = try await browser.get("/applications/\(id)").body.string
            #expect(!renewed.contains("scan-outdated"))
            #expect(Self.currentStep(renewed) == "选择推荐渠道并提交")
        }
    }

    @Test func countriesComeCommonPartnersFirstAndAreFoundByPinyin() async throws {
        try await withShenbao { app in
            let (browser, path) = try await applicantWithDraft(app)
            let html = try await browser.get(path).body.string
            let names = html.matches(of: /<option value="([^"]+)" label="[a-z]+ [A-Z]{2}"><\/option>/).map {
                String($0.output.1)
            }
            #expect(names.count == 249)
            #expect(Array(names.prefix(4)) == ["俄罗斯", "日本", "韩国", "美国"])
            #expect(names[11] == "阿尔巴尼亚")
            #expect(html.contains(#"<option value="日本" label="riben JP"></option>"#))
            _ = try await browser.post(
                path + "/autosave",
                form: [("version", "1"), ("partners[0][name]", "东京大学"), ("partners[0][countryOrRegion]", "riben")])
            let stored = try #require(try await ApplicationModel.query(on: app.db).first())
            #expect(stored.form.partners?.first?.countryOrRegion == "JP")
        }
    }
}

@Suite struct GuidedRegistrationTests {
    func form(uscc: String, password: String = "Xiangjiang2025", confirm: String = "Xiangjiang2025")
        -> [(String, String)]
    {
        var form: [(String, String)] = []
        for (section, fields) in RegistrationTests.validBody(uscc: uscc) {
            for (key, value) in fields where key != "password" { form.append(("\(section)[\(key)]", value)) }
        }
        return form + [
            ("user[password]", password), ("passwordConfirm", confirm),
            ("organization[bankAccount][accountName]", "冷水江钢铁有限责任公司"),
            ("organization[bankAccount][bankName]", "中国工商银行冷水江支行"),
            ("organization[bankAccount][accountNumber]", "1901001234567890123"),
        ]
    }

    @Test func theDivisionWarningRoundTripKeepsThePasswords() async throws {
        try await withShenbao { app in
            let browser = Browser(app)
            try await browser.get("/register")
            // 冷水江钢铁's code names 冷水江市; registering it under 岳麓区 is a warning to confirm.
            let warned = try await browser.post("/register", form: form(uscc: "91431381748373560G"))
            #expect(warned.status == .ok)
            let html = warned.body.string
            #expect(html.contains("请核对以下情况"))
            #expect(html.contains(#"name="user[password]" type="password" value="Xiangjiang2025""#))
            #expect(html.contains(#"name="passwordConfirm" type="password" value="Xiangjiang2025""#))
            let confirmed = try await browser.post(
                "/register", form: form(uscc: "91431381748373560G") + [("acknowledgeWarnings", "1")])
            #expect(confirmed.status == .seeOther)
            // A password that was refused is not shown again.
            let refused = try await Browser(app).post(
                "/register", form: form(uscc: "91430100MAE5UXKE2R", password: "short1"))
            #expect(!refused.body.string.contains("short1"))
        }
    }

    @Test func everyErrorNamesItsFieldByTheLabelBesideIt() async throws {
        try await withShenbao { app in
            let browser = Browser(app)
            try await browser.get("/register")
            let page = try await browser.post(
                "/register",
                form: [
                    ("organization[phone]", "123"), ("organization[postalCode]", "41"), ("user[phone]", "123"),
                    ("user[email]", "not-mail"), ("user[password]", "abc"), ("passwordConfirm", "abd"),
                    ("user[username]", "a"),
                ])
            let html = page.body.string
            var labels: [String: String] = [:]
            for match in html.matches(of: /<label for="(\w+)">([^<*]+?)\s*\*?<\/label>/) {
                labels[String(match.output.1)] = String(match.output.2)
            }
            let errors = html.matches(of: /<p class="field-error" id="err_(\w+)">([^<]+)<\/p>/)
            #expect(errors.count >= 15)
            for error in errors {
                let label = try #require(labels[String(error.output.1)], "\(error.output.1)")
                #expect(error.output.2.contains(label), "\(label): \(error.output.2)")
                #expect(html.contains(#"aria-describedby="err_\#(error.output.1)""#))
            }
            // Every select starts with an empty 请选择 when nothing is chosen.
            for select in html.matches(of: /<select[^>]*>\s*<option value="">([^<]*)</) {
                #expect(select.output.1.hasPrefix("请选择"))
            }
            #expect(html.matches(of: /<select/).count == html.matches(of: /<select[^>]*>\s*<option value="">请选择/).count)
        }
    }
}

@Suite struct KeptOpinionTests {
    @Test func aRecommendersChosenOpinionSurvivesAValidationError() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let clerk = Browser(app)
            try await clerk.logIn("yuelu", TestUsers.password)
            try await clerk.get("/applications/\(id)")
            // Recommending without the attestation is refused; the choice and the text come back.
            let refused = try await clerk.post(
                "/applications/\(id)/opinion",
                form: [("decision", "return"), ("comment", "请补充合作协议"), ("correctionDays", "99")])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains(#"name="decision" value="return" checked"#))
            #expect(!html.contains(#"value="recommend" checked"#))
            #expect(html.contains(">请补充合作协议</textarea>"))
            #expect(html.contains(#"value="99""#))
        }
    }
}

@Suite struct CriteriaByNameTests {
    @Test func theDeskShowsCriteriaByNameAndGivesANewOneACode() async throws {
        try await withShenbao { app in
            try await ReviewPagesTests.user(app, "hnkx", .province)
            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let html = try await province.get("/review").body.string
            // What a reader sees: the page without its tags.
            let text = html.replacing(/<[^>]*>/, with: " ")
            #expect(!text.contains("指标代码"))
            for criterion in ReviewPlan.defaultCriteria {
                #expect(html.contains(criterion.name))
                #expect(!text.contains(criterion.code), "\(criterion.code)")
            }
            // A criterion added by its name alone gets a code of its own.
            var form: [(String, String)] = ReviewPlan.defaultCriteria.flatMap {
                [
                    ("criterionCode[]", $0.code), ("criterionName[]", $0.name),
                    ("criterionPoints[]", String($0.maxPoints)),
                ]
            }
            form[2].1 = String(ReviewPlan.defaultCriteria[0].maxPoints - 5)
            form += [
                ("criterionCode[]", ""), ("criterionName[]", "成果可视化"), ("criterionPoints[]", "5"),
                ("expertsPerApplication", "5"), ("priorityRule", "tieBreak"), ("totalBudgetWan", "300"),
            ]
            let saved = try await province.post("/review/plan", form: form)
            #expect(saved.headers.first(name: .location) == "/review?done=plan")
            let plan = try #require(try await ReviewPlanModel.query(on: app.db).first())
            let added = try #require(plan.plan.criteria.last)
            #expect(added.name == "成果可视化")
            #expect(added.code == "criterion1")
        }
    }
}
