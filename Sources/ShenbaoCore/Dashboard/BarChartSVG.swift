/// A horizontal bar chart as an SVG string, drawn on the server so pages need no script.
///
/// The viewBox is fixed and the SVG has no size of its own, so it takes the width of its box and
/// scales down on a phone. Every text is escaped (SVGText), so the result may be inlined in a
/// page as it is. Colours and sizes are presentation attributes, not `style`, which the pages'
/// Content-Security-Policy would refuse.
public struct BarChartSVG: Hashable, Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        /// What the bar's length shows.
        public var value: Int
        /// The number printed beside the bar, as the reader should read it ("3 项 · 45 万元").
        public var valueText: String

        public init(label: String, value: Int, valueText: String) {
            self.label = label
            self.value = value
            self.valueText = valueText
        }
    }

    /// Makes the ids of the chart's title and description unique on a page.
    public var id: String
    public var title: String
    public var bars: [Bar]
    public var emptyText: String

    public init(id: String, title: String, bars: [Bar], emptyText: String = "暂无数据") {
        self.id = id
        self.title = title
        self.bars = bars
        self.emptyText = emptyText
    }

    // Each label stands above its bar, so the chart is narrow: 400 units on a phone's 340 pixels
    // keep 13-unit text readable, where labels beside the bars would need half again as much.
    static let width = 400
    static let fontSize = 13
    static let rowHeight = 40
    static let labelBaseline = 13
    static let barOffset = 18
    static let barHeight = 14
    static let top = 6
    static let gap = 6
    static let barColour = "#3a6ea5"
    static let textColour = "#1f2933"
    static let mutedColour = "#616e7c"

    /// Nothing to draw is said in words rather than shown as an empty frame: no bar, or only zeros.
    public var isEmpty: Bool { !bars.contains { $0.value > 0 } }

    /// The length of the largest bar: what the widest number beside a bar leaves of the width.
    public var longestBar: Int {
        let widest = bars.map { SVGText.width($0.valueText) }.max() ?? 0
        let room = Int((widest * Double(Self.fontSize)).rounded(.up)) + Self.gap
        return min(Self.width - Self.gap - 60, max(Self.width / 2, Self.width - room))
    }

    public var svg: String {
        let safeID = Self.safeID(id)
        let height = isEmpty ? 60 : Self.top + bars.count * Self.rowHeight
        let description =
            isEmpty ? emptyText : bars.map { "\($0.label)：\($0.valueText)" }.joined(separator: "；")
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(height)\" class=\"chart\""
            + " role=\"img\" aria-labelledby=\"\(safeID)-title \(safeID)-desc\">"
            + "<title id=\"\(safeID)-title\">\(SVGText.escaped(title))</title>"
            + "<desc id=\"\(safeID)-desc\">\(SVGText.escaped(description))</desc>"
        if isEmpty {
            svg +=
                "<text x=\"\(Self.width / 2)\" y=\"35\" text-anchor=\"middle\" font-size=\"\(Self.fontSize)\""
                + " fill=\"\(Self.mutedColour)\">\(SVGText.escaped(emptyText))</text>"
        } else {
            svg += "<g font-size=\"\(Self.fontSize)\" fill=\"\(Self.textColour)\">"
            let largest = bars.map(\.value).max() ?? 1
            let longest = longestBar
            for (index, bar) in bars.enumerated() {
                svg += row(bar, at: index, largest: largest, longest: longest)
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    private func row(_ bar: Bar, at index: Int, largest: Int, longest: Int) -> String {
        let rowTop = Self.top + index * Self.rowHeight
        // A name longer than the width is cut; the full name is the row's tooltip.
        let label = SVGText.fitted(bar.label, ems: Double(Self.width) / Double(Self.fontSize))
        // A bar of a non-zero value stays visible however small it is beside the largest.
        let length =
            bar.value > 0 ? max(2, Int((Double(bar.value) / Double(largest) * Double(longest)).rounded())) : 0
        let barTop = rowTop + Self.barOffset
        let valueBaseline = barTop + Self.barHeight / 2 + Self.fontSize * 35 / 100
        var row = "<g><title>\(SVGText.escaped(bar.label))：\(SVGText.escaped(bar.valueText))</title>"
        row += "<text x=\"0\" y=\"\(rowTop + Self.labelBaseline)\">\(SVGText.escaped(label))</text>"
        if length > 0 {
            row +=
                "<rect x=\"0\" y=\"\(barTop)\" width=\"\(length)\" height=\"\(Self.barHeight)\" rx=\"2\""
                + " fill=\"\(Self.barColour)\"/>"
        }
        let valueX = length > 0 ? length + Self.gap : 0
        row += "<text x=\"\(valueX)\" y=\"\(valueBaseline)\">\(SVGText.escaped(bar.valueText))</text>"
        return row + "</g>"
    }

    /// Ids hold letters, digits and dashes only, so they need no escaping either.
    static func safeID(_ raw: String) -> String {
        let kept = String(
            raw.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
            })
        return kept.isEmpty ? "chart" : kept
    }
}
