import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// 项目报告与验收 on the project's page (issue 30 items 4–5): the unit fills its reports in 万元
/// and submits them, the province returns or accepts them, records the acceptance and closes the
/// project; recommenders and finance read the same without a form.
@Suite("Report and acceptance pages of a funded project")
struct ReportPagesTests {
    /// The final report's form as the page sends it, with `overrides` replacing fields by name.
    static func finalForm(version: String, intent: String, _ overrides: [(String, String)] = []) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("version", version), ("answers[completion]", "交流活动均已按计划完成"),
            ("answers[outcomes]", "签署合作备忘录一份"), ("answers[participants]", "120"),
            ("answers[countries]", "德国、法国"), ("answers[agreementSigned]", "yes"),
            ("spent0", "5"), ("explanation0", ""), ("spent1", "9.5"), ("explanation1", "会场费用低于预算"),
            ("intent", intent), ("_confirmed", "1"),
        ]
        for (name, value) in overrides {
            fields.removeAll { $0.0 == name }
            fields.append((name, value))
        }
        return fields
    }

    static func version(_ html: String, code: String) -> String {
        let action = "/reports/\(code)\""
        guard let form = html.range(of: action) else { return "0" }
        let rest = html[form.upperBound...]
        guard let start = rest.range(of: "name=\"version\" value=\"") else { return "0" }
        return String(rest[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test(
        "the unit saves in 万元 (a bad number named), submits with every problem beside its field; returned, resubmitted, accepted; acceptance recorded and the project closed through the page"
    )
    func finalReportToAcceptance() async throws {
        try await withShenbao { app in
            let (people, id) = try await ChangeRequestServerTests.project(app)
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            var html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("<h2>项目报告：中期报告</h2>"))
            #expect(html.contains("<h2>项目报告：总结报告</h2>"))
            // 2026-12-31 and 30 days: the final report's day, and its rule.
            #expect(html.contains("2027年1月30日（项目执行期结束后30日内）"))
            #expect(html.contains("action=\"/applications/\(id)/reports/final\""))
            #expect(html.contains("会议议程或活动日程"))

            // A bad 万元 number is named by its phase and field; nothing is saved, what was typed stays.
            let bad = try await unit.post(
                "/applications/\(id)/reports/final",
                form: Self.finalForm(version: "0", intent: "save", [("spent1", "九万")]))
            #expect(bad.status == .unprocessableEntity)
            html = bad.body.string
            #expect(html.contains("第2阶段的实际支出应为以万元为单位的数字（最多四位小数），现为“九万”"))
            #expect(html.contains("id=\"r-final-spent1-error\""))
            #expect(html.contains("value=\"九万\""))
            #expect(html.contains("签署合作备忘录一份"))
            #expect(try await ReportModel.query(on: app.db).count() == 0)

            // Saved as a draft, in 元.
            let saved = try await unit.post(
                "/applications/\(id)/reports/final",
                form: Self.finalForm(
                    version: "0", intent: "save", [("answers[completion]", ""), ("spent1", ""), ("explanation1", "")]))
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/applications/\(id)?done=reportSaved#report-final")
            var report = try #require(try await ReportModel.query(on: app.db).filter(\.$code == "final").first())
            #expect(report.status == .draft)
            #expect(report.accounts.map(\.spentYuan) == [50_000, nil])
            html = try await unit.get("/applications/\(id)?done=reportSaved").body.string
            #expect(html.contains("报告已保存。"))

            // Submitted as it is: every problem beside its field at once.
            let incomplete = try await unit.post(
                "/applications/\(id)/reports/final",
                form: Self.finalForm(
                    version: Self.version(html, code: "final"), intent: "submit",
                    [("answers[completion]", ""), ("spent1", "9.5"), ("explanation1", "")]))
            #expect(incomplete.status == .unprocessableEntity)
            html = incomplete.body.string
            #expect(html.contains("id=\"r-final-q-completion-error\""))
            #expect(html.contains("请填写项目完成情况"))
            #expect(html.contains("id=\"r-final-explanation1-error\""))
            #expect(html.contains("第2阶段的实际支出（9.5万元）与预算（10万元）不一致，请填写差异说明"))
            #expect(html.contains("id=\"r-final-evidence-error\""))
            #expect(html.contains("请上传佐证材料"))
            report = try #require(try await ReportModel.query(on: app.db).filter(\.$code == "final").first())
            #expect(report.status == .draft)

            // Evidence through the page's upload form; its 类别 required.
            let untyped = try await ChangeRequestServerTests.postMultipart(
                unit, "/applications/\(id)/reports/final/evidence", fields: [("type", "")],
                file: ("file", "议程.pdf", ApplicationFixtures.pdf))
            #expect(untyped.status == .unprocessableEntity)
            #expect(untyped.body.string.contains("请选择佐证材料的类别"))
            let uploaded = try await ChangeRequestServerTests.postMultipart(
                unit, "/applications/\(id)/reports/final/evidence", fields: [("type", "agenda")],
                file: ("file", "议程.pdf", ApplicationFixtures.pdf))
            #expect(uploaded.status == .seeOther, "\(uploaded.body.string.prefix(500))")
            html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("会议议程或活动日程：<a href="))
            #expect(html.contains("议程.pdf"))

            let submitted = try await unit.post(
                "/applications/\(id)/reports/final",
                form: Self.finalForm(version: Self.version(html, code: "final"), intent: "submit"))
            #expect(submitted.status == .seeOther, "\(submitted.body.string.prefix(2000))")
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .reporting)

            // The province reads it without the unit's form; returning needs a comment.
            let province = Browser(app)
            try await province.logIn("sheng", TestUsers.password)
            html = try await province.get("/applications/\(id)").body.string
            #expect(html.contains("交流活动均已按计划完成"))
            #expect(!html.contains("action=\"/applications/\(id)/reports/final\""))
            #expect(html.contains("action=\"/applications/\(id)/reports/final/decision\""))
            let silent = try await province.post(
                "/applications/\(id)/reports/final/decision", form: [("accept", "false"), ("comment", "")])
            #expect(silent.status == .unprocessableEntity)
            #expect(silent.body.string.contains("id=\"r-final-decision-error\""))
            let returned = try await province.post(
                "/applications/\(id)/reports/final/decision",
                form: [("accept", "false"), ("comment", "请补充参加人员名单"), ("_confirmed", "1")])
            #expect(returned.status == .seeOther)
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .inProgress)

            // The unit sees the comment on top of its report, the form open again.
            html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("省科协的意见：请补充参加人员名单。请修改后重新提交。"))
            #expect(html.contains("已退回修改"))
            let again = try await unit.post(
                "/applications/\(id)/reports/final",
                form: Self.finalForm(version: Self.version(html, code: "final"), intent: "submit"))
            #expect(again.status == .seeOther)

            html = try await province.get("/applications/\(id)").body.string
            let accepted = try await province.post(
                "/applications/\(id)/reports/final/decision", form: [("accept", "true"), ("_confirmed", "1")])
            #expect(accepted.status == .seeOther)

            // The acceptance form: phases' goals shown; problems all at once, what was typed kept.
            html = try await province.get("/applications/\(id)").body.string
            #expect(html.contains("action=\"/applications/\(id)/acceptance\""))
            #expect(html.contains("申报书的目标：筹备"))
            let wrong = try await province.post(
                "/applications/\(id)/acceptance",
                form: [
                    ("passed", "true"), ("score", "九十"), ("goal0", "met"), ("goal1", ""), ("comment", ""),
                    ("rectifyBy", ""), ("_confirmed", "1"),
                ])
            #expect(wrong.status == .unprocessableEntity)
            html = wrong.body.string
            #expect(html.contains("绩效评价得分应为0至100之间的整数，现为“九十”"))
            #expect(html.contains("id=\"acceptance-goal1-error\""))
            #expect(html.contains("请选择第2阶段的目标完成情况"))
            #expect(html.contains("id=\"acceptance-comment-error\""))
            #expect(html.contains("value=\"九十\""))
            let recorded = try await province.post(
                "/applications/\(id)/acceptance",
                form: [
                    ("passed", "true"), ("score", "88"), ("goal0", "met"), ("goal1", "partly"),
                    ("comment", "完成了主要目标"), ("rectifyBy", ""), ("_confirmed", "1"),
                ])
            #expect(recorded.status == .seeOther, "\(recorded.body.string.prefix(2000))")
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .acceptancePassed)
            html = try await province.get("/applications/\(id)?done=acceptanceRecorded").body.string
            #expect(html.contains("验收结论已记录"))
            #expect(html.contains("<td>验收通过</td><td class=\"number\">88</td><td>良好</td>"))
            // The report and the acceptance opinion to print, from the page.
            #expect(html.contains("href=\"/api/v1/applications/\(id)/reports/final/document.pdf\""))
            #expect(html.contains("href=\"/api/v1/applications/\(id)/acceptance/document.docx\""))
            #expect(html.contains("第1阶段已完成；第2阶段部分完成"))
            #expect(html.contains("action=\"/applications/\(id)/close\""))

            // Finance reads the same, without any form of this section.
            _ = try await ReviewFixtures.token(app, "caiwu", .finance)
            let finance = Browser(app)
            try await finance.logIn("caiwu", TestUsers.password)
            html = try await finance.get("/applications/\(id)").body.string
            #expect(html.contains("交流活动均已按计划完成"))
            #expect(html.contains("<td>验收通过</td><td class=\"number\">88</td>"))
            #expect(!html.contains("/decision\""))
            // The interim report never submitted reads as such, not as a form of 未填写.
            #expect(html.contains("申报单位尚未提交中期报告。"))
            #expect(!html.contains("action=\"/applications/\(id)/close\""))

            let closed = try await province.post(
                "/applications/\(id)/close", form: [("comment", ""), ("_confirmed", "1")])
            #expect(closed.status == .seeOther)
            #expect(try await ApplicationModel.find(id, on: app.db)?.status == .closed)
            _ = people
        }
    }

    @Test("submitting asks first without JavaScript; a failed acceptance needs its 整改期限 and reopens the final report")
    func confirmationAndFailedAcceptance() async throws {
        try await withShenbao { app in
            let (_, id) = try await ChangeRequestServerTests.project(app)
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            var html = try await unit.get("/applications/\(id)").body.string
            let hidden = Browser.hiddenFields(in: html, action: "/applications/\(id)/reports/final")
            // Without `_confirmed`, submitting shows the question; saving does not ask.
            let asked = try await unit.post(
                "/applications/\(id)/reports/final",
                form: hidden + Self.finalForm(version: "0", intent: "submit").filter { $0.0 != "_confirmed" })
            #expect(asked.status == .ok)
            #expect(asked.body.string.contains("确定提交吗？"))
            #expect(try await ReportModel.query(on: app.db).count() == 0)

            _ = try await ChangeRequestServerTests.postMultipart(
                unit, "/applications/\(id)/reports/final/evidence", fields: [("type", "attendees")],
                file: ("file", "名单.pdf", ApplicationFixtures.pdf))
            html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("参加人员名单（含国别）：<a href="))
            let submitted = try await unit.post(
                "/applications/\(id)/reports/final",
                form: Self.finalForm(version: Self.version(html, code: "final"), intent: "submit"))
            #expect(submitted.status == .seeOther, "\(submitted.body.string.prefix(2000))")
            let province = Browser(app)
            try await province.logIn("sheng", TestUsers.password)
            _ = try await province.get("/applications/\(id)")
            #expect(
                try await province.post(
                    "/applications/\(id)/reports/final/decision", form: [("accept", "true"), ("_confirmed", "1")]
                ).status == .seeOther)
            _ = try await province.get("/applications/\(id)")
            let noDay = try await province.post(
                "/applications/\(id)/acceptance",
                form: [
                    ("passed", "false"), ("score", "50"), ("goal0", "notMet"), ("goal1", "partly"),
                    ("comment", "主要活动未举办"), ("rectifyBy", ""), ("_confirmed", "1"),
                ])
            #expect(noDay.status == .unprocessableEntity)
            #expect(noDay.body.string.contains("id=\"acceptance-rectifyBy-error\""))
            #expect(noDay.body.string.contains("请填写整改期限"))
            let failed = try await province.post(
                "/applications/\(id)/acceptance",
                form: [
                    ("passed", "false"), ("score", "50"), ("goal0", "notMet"), ("goal1", "partly"),
                    ("comment", "主要活动未举办"), ("rectifyBy", "2026-06-30"), ("_confirmed", "1"),
                ])
            #expect(failed.status == .seeOther, "\(failed.body.string.prefix(2000))")
            html = try await province.get("/applications/\(id)").body.string
            #expect(html.contains("<td>验收不通过</td><td class=\"number\">50</td><td>不合格</td>"))
            #expect(html.contains("2026年6月30日"))
            // The unit's final report is open again, with the province's opinion on top.
            html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("省科协的意见：主要活动未举办。请修改后重新提交。"))
            #expect(html.contains("action=\"/applications/\(id)/reports/final\""))

            // The interim report (due 2026年7月2日, halfway through 2026) never submitted: overdue
            // the day after, told to the unit and to the province in their words.
            #expect(!html.contains("中期报告已超过截止日期"))
            app.now = { beijing("2026-07-03 10:00") }
            html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("中期报告已超过截止日期，请尽快填写并提交。"))
            html = try await province.get("/applications/\(id)").body.string
            #expect(html.contains("中期报告已超过截止日期，申报单位尚未提交。"))
        }
    }

    @Test("the report's form saves itself while the unit types: in 元, a bad number named, an older page refused")
    func autosave() async throws {
        try await withShenbao { app in
            let (_, id) = try await ChangeRequestServerTests.project(app)
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            let html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("data-autosave=\"/applications/\(id)/reports/interim/autosave\""))
            #expect(html.contains("<script src=\"/js/report-form.js\" defer></script>"))
            let path = "/applications/\(id)/reports/interim/autosave"
            struct Saved: Decodable {
                var version: Int
                var savedAt: String
            }
            let first = try await unit.post(
                path, form: [("version", "0"), ("answers[progress]", "筹备会已召开"), ("spent0", "4.5"), ("spent1", "")])
            #expect(first.status == .ok, "\(first.body.string)")
            #expect(try first.content.decode(Saved.self).version == 1)
            let report = try #require(try await ReportModel.query(on: app.db).filter(\.$code == "interim").first())
            #expect(report.answers["progress"] == .text("筹备会已召开"))
            #expect(report.accounts.map(\.spentYuan) == [45_000, nil])
            // A number that cannot be read: the field and what is wrong, as JSON for the script.
            let bad = try await unit.post(path, form: [("version", "1"), ("spent0", "四万五")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problems?.errors.map(\.field) == ["accounts[0].spentYuan"])
            // A page older than the last save: refused, nothing overwritten.
            let stale = try await unit.post(path, form: [("version", "0"), ("answers[progress]", "旧的文字")])
            #expect(stale.status == .conflict)
            #expect(stale.problems?.error.code == "versionConflict")
            #expect(
                try await ReportModel.query(on: app.db).filter(\.$code == "interim").first()?.answers["progress"]
                    == .text("筹备会已召开"))
        }
    }
}
