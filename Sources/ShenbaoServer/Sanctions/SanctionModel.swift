import Fluent
import Foundation
import ShenbaoCore

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

extension SanctionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $organization, $reason, $decidedOn, $lastDay, $createdBy, $createdAt] }
}

extension SanctionModel {
    /// Records a sanction inside the caller's transaction (a clerk's decision, or an upheld
    /// objection for fraud): 3 years from `decidedOn`, and the organisation carries the latest day
    /// it is barred through, for every route check.
    @discardableResult
    static func impose(
        on organization: OrganizationModel, reason: String, decidedOn: Day, by userID: UUID, db: any Database
    ) async throws -> SanctionModel {
        let sanction = SanctionModel()
        sanction.$organization.id = try organization.requireID()
        sanction.reason = reason
        sanction.decidedOn = decidedOn.description
        sanction.lastDay = Sanction.lastDay(decidedOn: decidedOn).description
        sanction.createdBy = userID
        try await sanction.create(on: db)
        if organization.sanctionedUntil.map({ $0 < sanction.lastDay }) ?? true {
            organization.sanctionedUntil = sanction.lastDay
            try await organization.save(on: db)
        }
        return sanction
    }
}
