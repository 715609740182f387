import Fluent
import Foundation
import ShenbaoCore

/// `/calls/{id}/notice`: the public notice of the applications to be funded, with the form to
/// object (real-name) and the receipt of an objection just filed.
struct NoticePublicPage: Encodable {
    /// One numbered line of a public list.
    struct Line: Encodable {
        var number: Int
        var item: NoticeService.Item
        var amountWan: String
    }

    var notice: NoticeService.NoticeView
    /// 2025年9月26日 至 2025年10月9日, as every date on the pages reads.
    var period: String
    var totalWan: String
    var lines: [Line]
    var form: ObjectionForm
    var problems: [Problem]
    var errors: [String: String]
    var receipt: String?
    var privacy: PrivacyNotice
    /// The 落款's date: the day the notice starts.
    var issuedOn: String

    static func period(_ notice: NoticeService.NoticeView) -> String {
        "\(Day(notice.startDate)?.chinese ?? notice.startDate) 至 \(Day(notice.endDate)?.chinese ?? notice.endDate)"
    }

    static func lines(_ items: [NoticeService.Item]) -> [Line] {
        items.enumerated().map {
            Line(number: $0.offset + 1, item: $0.element, amountWan: ChineseFormat.wan($0.element.amountYuan))
        }
    }

    /// The notice of `call` as of `now`, with `form` and its `problems` echoed back; throws the
    /// service's 404 while the notice has not started.
    static func load(
        call: CallModel, form: ObjectionForm = ObjectionForm(), problems: [Problem] = [], receipt: String? = nil,
        config: Config, now: Date, on db: any Database
    ) async throws -> NoticePublicPage {
        let notice = try await NoticeService(db: db, config: config, now: now).notice(call: call)
        return NoticePublicPage(
            notice: notice, period: period(notice), totalWan: ChineseFormat.wan(notice.totalYuan),
            lines: lines(notice.items), form: form,
            problems: problems,
            errors: Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first }),
            receipt: receipt, privacy: .objection(retention: config.personalDataRetention),
            issuedOn: Day(notice.startDate)?.chinese ?? notice.startDate)
    }
}
