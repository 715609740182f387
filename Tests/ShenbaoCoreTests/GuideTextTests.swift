import Foundation
import Testing

@testable import ShenbaoCore

@Suite("申报指南正文：Markdown 与占位符")
struct GuideTextTests {
    static func guide() -> CallDefinition {
        (try? CallDefinition.guide2025()) ?? { fatalError("the bundled 2025 call must decode") }()
    }

    @Test(
        "placeholders take the call's values, so the text follows the numbers",
        arguments: [
            ("{{资助项目数}}", "8-20"), ("{{资助金额}}", "5-20万元"), ("{{类别1名称}}（{{类别1数量}}项）", "国际科技交流会议项目（3-4项）"),
            ("{{类别2金额}}", "5-20万元"), ("一式{{纸质份数}}份", "一式六份"), ("{{公示工作日}}个工作日", "5个工作日"),
            ("{{ 年度 }}年度", "2025年度"), ("截止：{{申报截止时间}}", "截止：2026年3月31日17:00"),
            ("{{推荐单位列表}}", "1.全国学会。\n2.各省级学会（协会、研究会）、高校、企业（园区）科协。\n3.各市州科协。"),
            ("{{未知}}保留", "{{未知}}保留"), ("未闭合{{资助项目数", "未闭合{{资助项目数"),
        ])
    func placeholders(_ text: String, filled: String) {
        #expect(GuideText.filled(text, call: Self.guide(), deadline: "2026年3月31日17:00") == filled)
    }

    @Test("{{推荐截止时间}} is the recommenders' deadline as the caller writes it, and a known placeholder")
    func recommendationDeadline() {
        let text = "推荐单位请于{{推荐截止时间}}前完成推荐"
        #expect(
            GuideText.filled(text, call: Self.guide(), deadline: "", recommendationDeadline: "2026年4月15日 17:00")
                == "推荐单位请于2026年4月15日 17:00前完成推荐")
        #expect(GuideText.problems(text, call: Self.guide()).isEmpty)
        #expect(GuideText.placeholders(for: Self.guide(), deadline: "").map(\.name).contains("推荐截止时间"))
    }

    @Test("a changed call changes its text: quotas, amounts, copies, a retired kind")
    func followsTheCall() {
        var call = Self.guide()
        call.totalFunded = Bounds(min: 10, max: 24)
        call.categories[0].amountYuan = Bounds(min: 80_000, max: 300_000)
        call.categories[1].amountYuan = Bounds(min: 100_000, max: 100_000)
        call.submission.paperCopies = 12
        call.applicantKinds[0].retired = true
        let text = GuideText.filled(
            "{{资助项目数}}|{{资助金额}}|{{类别1金额}}|{{类别2金额}}|{{纸质份数}}|{{申报单位列表}}", call: call, deadline: "")
        #expect(text.hasPrefix("10-24|8-30万元|8-30万元|10万元|十二|1.我省行政区域内高校、科研院所、企事业单位。"))
        #expect(!text.contains("国家级学会"))
    }

    @Test(
        "the small Markdown: headings, items, bold; one line one paragraph; no HTML meaning",
        arguments: [
            ("# 一、总则", GuideText.Block.Kind.heading1, "一、总则"), ("## （一）数量", .heading2, "（一）数量"),
            ("### 1.会议", .heading3, "1.会议"), ("- 申报单位", .item, "申报单位"), ("1.国家级学会。", .paragraph, "1.国家级学会。"),
            ("<script>alert(1)</script>", .paragraph, "<script>alert(1)</script>"), ("#无空格", .paragraph, "#无空格"),
        ])
    func blocks(_ line: String, kind: GuideText.Block.Kind, text: String) {
        let blocks = GuideText.render(line, call: Self.guide(), deadline: "")
        #expect(blocks.map(\.kind) == [kind])
        #expect(blocks.first?.text == text)
    }

    @Test("bold spans, and an unpaired ** kept as typed")
    func bold() {
        let spans = GuideText.spans("请于**3月31日**前提交，**逾期")
        #expect(spans.map(\.text) == ["请于", "3月31日", "前提交，", "**逾期"])
        #expect(spans.map(\.bold) == [false, true, false, false])
        #expect(GuideText.render("第一行\n\n第二行", call: Self.guide(), deadline: "").count == 2)
    }

    @Test("an unknown placeholder is the editor's problem, naming it and the ones there are")
    func unknown() {
        let problems = GuideText.problems("支持{{项目数}}个，{{资助金额}}，{{项目数}}", call: Self.guide())
        #expect(problems.count == 1)
        #expect(problems.first?.field == "guideText")
        #expect(problems.first?.message.hasPrefix("申报指南正文中的占位符{{项目数}}无法识别；可用的占位符：{{年度}}、") == true)
        var call = Self.guide()
        call.guideText = "{{项目数}}"
        #expect(CallDefinitionCheck.problems(call).contains { $0.field == "guideText" && $0.code == "unknownField" })
    }
}
