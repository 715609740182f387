import ShenbaoCore

/// What `dashboard/show.leaf` shows: the totals, the funnel and one chart per dimension, each
/// with its numbers as a table too (for the reader who wants the figures or cannot see the bars).
struct DashboardPage: Encodable {
    struct Line: Encodable {
        var label: String
        var count: Int
        var amountWan: String
    }
    struct Chart: Encodable {
        var title: String
        /// The heading of the table's first column: what the rows are.
        var column: String
        var note: String?
        /// Built by Core's BarChartSVG, which escapes every text: the template inlines it as is.
        var svg: String
        var lines: [Line]
    }
    /// A select of the filter form: one of the call's choice questions.
    struct Filter: Encodable {
        struct Choice: Encodable {
            var code: String
            var label: String
            var selected: Bool
        }
        /// The query parameter, `q.<code>`, and the element's id.
        var name: String
        var id: String
        var label: String
        var options: [Choice]
    }

    var callYear: Int
    /// The call's title (several calls may share a year) and id, for the filter form.
    var callTitle: String
    var callID: String
    var scopeLabel: String
    var applications: Int
    var requestedWan: String
    var fundedWan: String
    var funnel: Chart
    var charts: [Chart]
    var filters: [Filter]
    /// What the figures are narrowed to, as a sentence ("举办形式为线下；工作语言包含英文"), nil unfiltered.
    var filterSummary: String?

    init(_ result: DashboardService.Result) throws {
        let dashboard = result.dashboard
        callYear = result.call.year
        callTitle = result.call.title
        callID = try result.call.requireID().uuidString
        scopeLabel = result.scopeLabel
        applications = dashboard.applications
        requestedWan = ChineseFormat.wan(dashboard.requestedYuan)
        fundedWan = ChineseFormat.wan(dashboard.fundedYuan)
        let submitted = dashboard.funnel.first?.count ?? 0
        funnel = Self.chart(
            id: "funnel", title: "办理进度", column: "阶段",
            note: "每一阶段计入已经走到该阶段及以后的申报书；拟资助、已立项的金额为会议决定的资助金额。",
            rows: dashboard.funnel.map { stage in
                var text = Self.valueText(count: stage.count, yuan: stage.amountYuan)
                if stage.stage != .submitted, submitted > 0 {
                    text += " · \(Int((Double(stage.count) * 100 / Double(submitted)).rounded()))%"
                }
                return (stage.label, stage.count, stage.amountYuan, text)
            })
        charts = dashboard.groups.map { group in
            Self.chart(
                id: group.dimension.rawValue, title: "按\(group.title)", column: group.title, note: group.note,
                rows: group.rows.map {
                    ($0.label, $0.count, $0.amountYuan, Self.valueText(count: $0.count, yuan: $0.amountYuan))
                })
        }
        filters = dashboard.filters.map { offer in
            let multiple = offer.kind == .multipleChoice
            return Filter(
                name: DashboardFilter.prefix + offer.code, id: "filter-" + offer.code,
                label: offer.label + (multiple ? "（包含所选项）" : ""),
                options: offer.options.map {
                    Filter.Choice(
                        code: $0.code, label: $0.label + ($0.isRetired ? "（已停用）" : ""),
                        selected: $0.code == offer.selected)
                })
        }
        let applied = dashboard.filters.compactMap { offer -> String? in
            guard let selected = offer.selected else { return nil }
            let option = offer.options.first { $0.code == selected }?.label ?? selected
            return offer.label + (offer.kind == .multipleChoice ? "包含" : "为") + "“\(option)”"
        }
        filterSummary = applied.isEmpty ? nil : applied.joined(separator: "；")
    }

    static func valueText(count: Int, yuan: Int) -> String {
        "\(count) 项 · \(ChineseFormat.wan(yuan)) 万元"
    }

    private static func chart(
        id: String, title: String, column: String, note: String?,
        rows: [(label: String, count: Int, yuan: Int, text: String)]
    ) -> Chart {
        let svg = BarChartSVG(
            id: "chart-" + id, title: title,
            bars: rows.map { BarChartSVG.Bar(label: $0.label, value: $0.count, valueText: $0.text) }
        ).svg
        return Chart(
            title: title, column: column, note: note, svg: svg,
            lines: rows.map { Line(label: $0.label, count: $0.count, amountWan: ChineseFormat.wan($0.yuan)) })
    }
}
