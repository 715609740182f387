import Crypto
import Fluent
import Foundation

/// One line of the security audit trail (等保2.0 安全审计): logins, failed logins, every account
/// and permission change, every change to an organisation or an expert. One chain for the whole
/// system: each line carries the hash of the one before, so a line changed or removed shows.
final class SecurityEventModel: Model, @unchecked Sendable {
    static let schema = "security_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "action") var action: AuditAction
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @Field(key: "subject_name") var subjectName: String
    @Field(key: "detail") var detail: String
    @Field(key: "address") var address: String
    @OptionalField(key: "previous_hash") var previousHash: String?
    @Field(key: "hash") var hash: String

    init() {}

    var computedHash: String {
        let fields: [String] = [
            String(sequence), String(Int(at.timeIntervalSince1970)), actorID?.uuidString ?? "", actorName, actorRole,
            action.rawValue, subjectID?.uuidString ?? "", subjectName, detail, address, previousHash ?? "",
        ]
        return Hex.string(SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8)))
    }
}

extension SecurityEventModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $sequence, $at, $actorID, $actorName, $actorRole, $action, $subjectID, $subjectName, $detail,
            $address, $previousHash, $hash,
        ]
    }
}
