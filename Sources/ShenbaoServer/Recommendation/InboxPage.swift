import Fluent
import Foundation
import ShenbaoCore

/// `/inbox` (待办): what waits for a recommender (held by its organisation) or the province (at
/// the province), and what its organisation has handled.
struct InboxPage: Encodable {
    var waiting: [ApplicationSummary]
    var handled: [ApplicationSummary]
    var isProvince: Bool
    var flash: String?
    var summaryLink: String
    /// 推荐名额: what the recommender has left in each category of the current call; empty when
    /// the call limits it in none (and for the province).
    var quotas: [RecommenderQuotaService.Usage] = []
    var quotaYear: Int?
    /// 推荐截止时间 of the call, for a recommender (2026年4月15日 17:00); nil when the call sets none.
    var recommendationDeadline: String?

    /// The inbox of `user` in `call` (the chosen one, CallChoice); `flash` says what was just done.
    static func load(for user: AuthenticatedUser, call: CallModel?, flash: String? = nil, on db: any Database)
        async throws -> InboxPage
    {
        let mine = user.organizationID ?? UUID()
        let callID = try call?.requireID()
        func inCall(_ query: QueryBuilder<ApplicationModel>) -> QueryBuilder<ApplicationModel> {
            callID.map { query.filter(\.$call.$id == $0) } ?? query
        }
        let waitingRows: [SummaryRow]
        if user.role == .province {
            waitingRows = try await inCall(ApplicationModel.query(on: db)).filter(\.$status == .atProvince)
                .sort(\.$updatedAt).summaryRows()
        } else {
            waitingRows = try await inCall(ApplicationModel.query(on: db)).filter(\.$holder.$id == mine)
                .filter(\.$status == .atRecommender).sort(\.$updatedAt).summaryRows()
        }
        let handledIDs = try await OpinionModel.query(on: db).filter(\.$organization.$id == mine).all()
            .map { $0.$application.id }
        let handledRows = try await inCall(ApplicationModel.query(on: db))
            .filter(\.$id ~~ Array(Set(handledIDs)))
            .sort(\.$updatedAt, .descending).summaryRows()
        var quotas: [RecommenderQuotaService.Usage] = []
        if user.role == .recommender, let call, let organization = try await OrganizationModel.find(mine, on: db) {
            quotas = try await RecommenderQuotaService(db: db).usage(of: organization, in: call)
        }
        return InboxPage(
            waiting: try await ApplicationList.summaries(waitingRows, on: db),
            handled: try await ApplicationList.summaries(handledRows, on: db),
            isProvince: user.role == .province, flash: flash,
            summaryLink: user.role == .province
                ? "/calls/\(callID?.uuidString ?? "2025")/summary"
                : "/recommenders/\(mine.uuidString)/summary",
            quotas: quotas, quotaYear: quotas.isEmpty ? nil : call?.year,
            recommendationDeadline: user.role == .recommender
                ? call?.definition.recommendationDeadline.map(ChineseFormat.dateTime) : nil)
    }
}
