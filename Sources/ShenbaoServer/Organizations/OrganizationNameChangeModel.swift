import Fluent
import Foundation

/// One change of an organisation's registered name (更名). The organisation keeps one row under
/// its current name; the names it had stay here, so an old application, a letter or a person
/// who knows it by its former name still finds it.
final class OrganizationNameChangeModel: Model, @unchecked Sendable {
    static let schema = "organization_name_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Field(key: "old_name") var oldName: String
    @Field(key: "new_name") var newName: String
    @Field(key: "changed_at") var changedAt: Date
    @OptionalField(key: "changed_by_id") var changedByID: UUID?
    @Field(key: "changed_by_name") var changedByName: String

    init() {}

    init(organizationID: UUID, oldName: String, newName: String, at: Date, by user: AuthenticatedUser) {
        self.$organization.id = organizationID
        self.oldName = oldName
        self.newName = newName
        self.changedAt = at
        self.changedByID = user.id
        self.changedByName = user.contactName
    }
}

extension OrganizationNameChangeModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $organization, $oldName, $newName, $changedAt, $changedByID, $changedByName]
    }
}
