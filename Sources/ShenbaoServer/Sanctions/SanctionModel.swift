import Fluent
import Foundation

/// A confirmed fraud by a recommender and the bar that follows (days as `YYYY-MM-DD`).
final class SanctionModel: Model, @unchecked Sendable {
    static let schema = "sanctions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Field(key: "reason") var reason: String
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "last_day") var lastDay: String
    @Field(key: "created_by") var createdBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
