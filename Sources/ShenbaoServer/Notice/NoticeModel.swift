import Fluent
import Foundation

/// A call's public notice (公示): its working-day period, and when the funded list was published.
final class NoticeModel: Model, @unchecked Sendable {
    static let schema = "notices"

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    /// `YYYY-MM-DD`, Asia/Shanghai days.
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @Field(key: "working_days") var workingDays: Int
    @Field(key: "started_by") var startedBy: String
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "published_by") var publishedBy: String?
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}

    static func of(_ call: CallModel, on db: any Database) async throws -> NoticeModel? {
        try await query(on: db).filter(\.$call.$id == call.requireID()).first()
    }
}

extension NoticeModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $call, $startDate, $endDate, $workingDays, $startedBy, $startedAt, $publishedBy, $publishedAt]
    }
}
