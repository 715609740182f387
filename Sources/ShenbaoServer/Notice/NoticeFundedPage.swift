import Fluent
import Foundation
import ShenbaoCore

/// `/calls/{id}/funded`: the published list of funded projects, with its date, total and contact.
struct NoticeFundedPage: Encodable {
    var funded: NoticeService.FundedView
    var publishedOn: String
    var totalWan: String
    var lines: [NoticePublicPage.Line]
    /// Whom to ask, from the call's data.
    var contact: String
    /// The call publishes each project's 验收结果: the list has that column (PublicFinalState).
    var showsFinalState: Bool
    /// The column's text of a project without one.
    var noFinalState = PublicFinalState.none

    /// The funded list of `call`; throws the service's 404 while it is not published.
    static func load(call: CallModel, config: Config, now: Date, on db: any Database) async throws -> NoticeFundedPage {
        let funded = try await NoticeService(db: db, config: config, now: now).funded(call: call)
        return NoticeFundedPage(
            funded: funded, publishedOn: ChineseFormat.today(funded.publishedAt).chinese,
            totalWan: ChineseFormat.wan(funded.totalYuan), lines: NoticePublicPage.lines(funded.items),
            contact: PublicListDocument.fundedBody(callTitle: call.title, contact: call.current.contact).last ?? "",
            showsFinalState: funded.publishesFinalState == true)
    }
}
