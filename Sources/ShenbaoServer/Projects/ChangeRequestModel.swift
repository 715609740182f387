import Fluent
import Foundation
import ShenbaoCore

/// 项目变更 (issue 30): one change the unit of a funded project asked for, and the province's
/// decision. The row keeps what was asked, and once approved what the plan held before: the
/// project's history of changes.
final class ChangeRequestModel: Model, @unchecked Sendable {
    static let schema = "change_requests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    /// `ChangeRequest.Kind`'s raw value.
    @Field(key: "kind") var kind: String
    /// What the unit asked for (JSON).
    @Field(key: "request") var request: ChangeRequest.Part
    @Field(key: "reason") var reason: String
    /// An attachment the unit gave as evidence (not uploaded through this feature yet).
    @OptionalField(key: "evidence_attachment_id") var evidenceAttachmentID: UUID?
    /// `pending`, `approved` or `refused`.
    @Field(key: "state") var state: String
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decision_comment") var decisionComment: String?
    /// The part of the plan before the change (JSON), kept when it is approved.
    @OptionalField(key: "before") var before: ChangeRequest.Part?
    @Field(key: "requested_by") var requestedBy: UUID
    @OptionalField(key: "created_at") var createdAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    enum State: String, CaseIterable {
        case pending, approved, refused
        var label: String {
            switch self {
            case .pending: "待审核"
            case .approved: "已同意"
            case .refused: "不同意"
            }
        }
    }
}

extension ChangeRequestModel {
    /// Listed by hand (ModelPropertiesTests checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $application, $kind, $request, $reason, $evidenceAttachmentID, $state, $decidedBy, $decisionComment,
            $before, $requestedBy, $createdAt, $decidedAt,
        ]
    }
}
