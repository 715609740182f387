import Fluent
import Foundation

/// The register of erasures: that a record's personal data was erased, when, and by which role,
/// never whose it was. Pages show "已删除" from it, and a second erasure is refused.
final class PersonalDataErasureModel: Model, @unchecked Sendable {
    static let schema = "personal_data_erasures"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: PersonalRecordKind
    @Field(key: "record_id") var recordID: UUID
    @Field(key: "erased_at") var erasedAt: Date
    @Field(key: "erased_by_role") var erasedByRole: String

    init() {}

    init(kind: PersonalRecordKind, recordID: UUID, at: Date, role: String) {
        self.kind = kind
        self.recordID = recordID
        self.erasedAt = at
        self.erasedByRole = role
    }
}

extension PersonalDataErasureModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $kind, $recordID, $erasedAt, $erasedByRole] }
}

extension PersonalDataErasureModel {
    static func isErased(_ kind: PersonalRecordKind, _ id: UUID, on db: any Database) async throws -> Bool {
        try await query(on: db).filter(\.$kind == kind).filter(\.$recordID == id).count() > 0
    }
}

/// The records that hold one person's data: a user account, an expert of the pool, an objector.
enum PersonalRecordKind: String, Codable, CaseIterable, Sendable {
    case user, expert, objection

    var label: String {
        switch self {
        case .user: "用户账号"
        case .expert: "评审专家"
        case .objection: "公示异议人"
        }
    }

    /// The path segment of the pages and the API (`/api/v1/users/{id}/personal-data`).
    var pathSegment: String { rawValue + "s" }
}
