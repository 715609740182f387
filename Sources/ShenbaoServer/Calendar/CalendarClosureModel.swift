import Fluent
import Foundation
import ShenbaoCore

/// A day the province's offices are closed beyond the State Council's calendar (e.g. a local
/// emergency); the notice period counts past it.
final class CalendarClosureModel: Model, @unchecked Sendable {
    static let schema = "calendar_closures"

    @ID(key: .id) var id: UUID?
    @Field(key: "day") var day: String
    @Field(key: "reason") var reason: String
    @Field(key: "created_by") var createdBy: String

    init() {}
}

extension CalendarClosureModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $day, $reason, $createdBy] }
}
