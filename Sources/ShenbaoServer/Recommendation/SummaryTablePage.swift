import Fluent
import Foundation
import ShenbaoCore

/// `/recommenders/{id}/summary` and `/calls/{id}/summary`: the 申报信息汇总表 on the page, with
/// its download and, for a recommender, the other calls to choose from.
struct SummaryTablePage: Encodable {
    struct Line: Encodable {
        var number: Int
        var organizationName: String
        var nature: String
        var summaryContent: String
        var summaryBasis: String
        var partners: String
    }
    var title: String
    var filler: String
    var lines: [Line]
    var download: String
    /// The call listed, and the others to choose from (none when there is one call).
    var callTitle: String
    var callYear: String
    var calls: [Option]
    var action: String

    /// The page of `table`; `choosable` offers every call past its draft when there is more than one.
    static func load(
        _ table: SummaryTableController.Table, download: String, choosable: Bool = false, action: String = "",
        on db: any Database
    ) async throws -> SummaryTablePage {
        var calls: [Option] = []
        if choosable {
            let all = try await CallModel.query(on: db).filter(\.$phase != .draft).sort(\.$year, .descending).all()
            if all.count > 1 { calls = all.map { Option(code: String($0.year), label: $0.title) } }
        }
        let lines = table.rows.enumerated().map { index, row in
            Line(
                number: index + 1, organizationName: row.organizationName, nature: row.nature,
                summaryContent: row.summaryContent, summaryBasis: row.summaryBasis, partners: row.partners)
        }
        return SummaryTablePage(
            title: table.title, filler: table.filler, lines: lines, download: download,
            callTitle: table.call?.title ?? "", callYear: table.call.map { String($0.year) } ?? "", calls: calls,
            action: action)
    }
}
