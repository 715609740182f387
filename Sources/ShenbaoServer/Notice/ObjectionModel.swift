import Fluent
import Foundation

/// An objection (异议) to a project under notice. The objector's name and contact are
/// seen by the province only; the public and the applicant see the receipt and the outcome.
final class ObjectionModel: Model, @unchecked Sendable {
    static let schema = "objections"

    enum Outcome: String, Codable, Sendable {
        case upheld, notUpheld

        var label: String {
            switch self {
            case .upheld: "异议成立"
            case .notUpheld: "异议不成立"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    @Parent(key: "application_id") var application: ApplicationModel
    /// What the objector keeps to ask about it (受理回执号).
    @Field(key: "receipt") var receipt: String
    @Field(key: "name") var name: String
    @Field(key: "contact") var contact: String
    @Field(key: "text") var text: String
    /// Empty: the address only counts against the hourly limit (RateLimit) and is not kept here.
    @Field(key: "address") var address: String
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "outcome") var outcome: Outcome?
    @Field(key: "fraud") var fraud: Bool
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_by") var resolvedBy: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

extension ObjectionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $call, $application, $receipt, $name, $contact, $text, $address, $receivedAt, $outcome, $fraud,
            $resolution, $resolvedBy, $resolvedAt,
        ]
    }
}
