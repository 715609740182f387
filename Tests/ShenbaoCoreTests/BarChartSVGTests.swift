import Foundation
import Testing

@testable import ShenbaoCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct BarChartSVGTests {
    /// Whether `svg` is well-formed XML, as a browser's SVG parser needs it.
    func parses(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everyTextIsEscaped() {
        let chart = BarChartSVG(
            id: "t", title: "按<推荐单位>&\"统计\"",
            bars: [
                .init(label: "<script>alert(1)</script>", value: 2, valueText: "2 项 & \"多\""),
                .init(label: "A&B \"研究会\" <湘>", value: 1, valueText: "1 项"),
            ])
        let svg = chart.svg
        #expect(parses(svg))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("A&B"))
        #expect(!svg.contains("<湘>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.contains("A&amp;B &quot;研究会&quot; &lt;湘&gt;"))
        #expect(svg.contains("按&lt;推荐单位&gt;&amp;&quot;统计&quot;"))
        #expect(svg.contains("2 项 &amp; &quot;多&quot;"))
    }

    @Test func controlCharactersThatXMLForbidsAreDropped() {
        let svg = BarChartSVG(id: "c", title: "标题\u{0}", bars: [.init(label: "甲\u{B}乙\n丙", value: 1, valueText: "1")])
            .svg
        #expect(parses(svg))
        #expect(svg.contains("甲乙 丙"))
    }

    @Test func theNumbersStandBesideTheBarsWhoseLengthsFollowTheValues() {
        let chart = BarChartSVG(
            id: "n", title: "项目类别",
            bars: [
                .init(label: "国际科技交流会议项目", value: 4, valueText: "4 项 · 60 万元"),
                .init(label: "国际合作项目", value: 2, valueText: "2 项 · 30 万元"),
                .init(label: "无人申报的类别", value: 0, valueText: "0 项"),
            ])
        let svg = chart.svg
        #expect(parses(svg))
        #expect(svg.contains(">4 项 · 60 万元</text>"))
        #expect(svg.contains(">2 项 · 30 万元</text>"))
        #expect(svg.contains(">0 项</text>"))
        #expect(occurrences(of: "<rect", in: svg) == 2)  // no bar for nothing
        #expect(svg.contains("width=\"\(chart.longestBar)\""))
        #expect(svg.contains("width=\"\(chart.longestBar / 2)\""))
        // The number starts just after its bar, and the widest one still fits the width.
        #expect(svg.contains("<text x=\"\(chart.longestBar + BarChartSVG.gap)\" y=\"35\">4 项 · 60 万元</text>"))
        #expect(
            chart.longestBar + BarChartSVG.gap + Int(SVGText.width("4 项 · 60 万元") * Double(BarChartSVG.fontSize))
                <= BarChartSVG.width)
    }

    @Test func theChartIsAnAccessibleImageThatScales() {
        let svg = BarChartSVG(id: "city chart<1>", title: "市州", bars: [.init(label: "长沙市", value: 3, valueText: "3 项")])
            .svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 46\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"citychart1-title citychart1-desc\""))
        #expect(svg.contains("<title id=\"citychart1-title\">市州</title>"))
        #expect(svg.contains("<desc id=\"citychart1-desc\">长沙市：3 项</desc>"))
        // No size of its own: the page's box decides, the viewBox keeps the proportions.
        let root = svg.prefix { $0 != ">" }
        #expect(!root.contains(" width="))
        #expect(!root.contains(" height="))
        #expect(!svg.contains("style="))
    }

    @Test func aLongNameIsCutToItsColumnAndShownWholeAsTheTooltip() {
        let name = "中国科学技术协会国际科技交流中心湖南分中心暨湖南省国际科技合作促进会联合办公室"
        let svg = BarChartSVG(id: "k", title: "申报单位类别", bars: [.init(label: name, value: 1, valueText: "1 项")]).svg
        #expect(svg.contains("<title>\(name)：1 项</title>"))
        #expect(svg.contains("…</text>"))
        #expect(!svg.contains(">\(name)</text>"))
        #expect(SVGText.width(SVGText.fitted(name, ems: 12)) <= 12)
        #expect(SVGText.fitted("长沙市", ems: 12) == "长沙市")
    }

    @Test(arguments: [[], [BarChartSVG.Bar(label: "长沙市", value: 0, valueText: "0 项")]])
    func nothingToShowSaysSoInWords(bars: [BarChartSVG.Bar]) {
        let chart = BarChartSVG(id: "e", title: "市州", bars: bars)
        #expect(chart.isEmpty)
        let svg = chart.svg
        #expect(parses(svg))
        #expect(svg.contains(">暂无数据</text>"))
        #expect(svg.contains("<desc id=\"e-desc\">暂无数据</desc>"))
        #expect(!svg.contains("<rect"))
    }
}
