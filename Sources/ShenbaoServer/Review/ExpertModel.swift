import Fluent
import Foundation

/// An expert of the province's pool (专家库). The organisation is kept by name as the expert
/// gave it, and linked when it is a registered one, so conflicts (回避) can be checked.
final class ExpertModel: Model, @unchecked Sendable {
    static let schema = "experts"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "organization_name") var organizationName: String
    @OptionalParent(key: "organization_id") var organization: OrganizationModel?
    @Field(key: "title") var title: String
    /// Field codes of the call (合作领域).
    @Field(key: "fields") var fields: [String]
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    /// Organisations the expert declared a standing conflict with.
    @Field(key: "conflict_organization_ids") var conflictOrganizationIDs: [UUID]
    @OptionalField(key: "user_id") var userID: UUID?
    /// A deactivated expert (停用) is never assigned again; their submitted reviews stay.
    @Field(key: "active") var active: Bool
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    /// This expert's own maximum number of reviews per call, overriding the review plan's.
    @OptionalField(key: "max_reviews") var maxReviews: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension ExpertModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $name, $organizationName, $organization, $title, $fields, $phone, $email, $conflictOrganizationIDs,
            $userID, $active, $deactivatedAt, $maxReviews, $createdAt, $updatedAt,
        ]
    }
}
