import Fluent
import Foundation
import ShenbaoCore

/// One signed opinion on an application: a recommender's (推荐/退回修改/不予推荐) or the
/// province's intake decision (受理/退回/不予受理) with its checklist.
final class OpinionModel: Model, @unchecked Sendable {
    static let schema = "opinions"

    enum Stage: String, Codable, Sendable { case recommender, province }
    enum Decision: String, Codable, CaseIterable, Sendable {
        case recommend, `return`, reject, accept

        func label(_ stage: Stage) -> String {
            switch (self, stage) {
            case (.recommend, _): "推荐"
            case (.return, _): "退回修改"
            case (.reject, .recommender): "不予推荐"
            case (.reject, .province): "不予受理"
            case (.accept, _): "受理"
            }
        }

        /// A recommender's decision as section 四 of the form weighs it (受理 is the province's).
        var onChain: ReviewOpinions.RecommenderOpinion.Decision {
            switch self {
            case .recommend, .accept: .recommend
            case .return: .return
            case .reject: .reject
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Field(key: "user_id") var userID: UUID
    @Field(key: "signer") var signer: String
    @Field(key: "stage") var stage: Stage
    @Field(key: "decision") var decision: Decision
    @Field(key: "comment") var comment: String
    @Field(key: "attested") var attested: Bool
    @OptionalField(key: "forwarded_to") var forwardedTo: UUID?
    @OptionalField(key: "checklist") var checklist: [String: Bool]?
    @OptionalField(key: "paper_copies_received_on") var paperCopiesReceivedOn: String?
    /// Bound copies of the form and non-confidentiality certificates the province counted at intake.
    @OptionalField(key: "paper_copies_received") var paperCopiesReceived: Int?
    @OptionalField(key: "certificates_received") var certificatesReceived: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension OpinionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $application, $organization, $userID, $signer, $stage, $decision, $comment, $attested, $forwardedTo,
            $checklist, $paperCopiesReceivedOn, $paperCopiesReceived, $certificatesReceived, $createdAt,
        ]
    }
}

extension OpinionModel {
    /// The paper counted at intake, as the rules see it.
    var paperReceipt: PaperReceipt {
        PaperReceipt(
            copies: paperCopiesReceived, certificates: certificatesReceived,
            receivedOn: paperCopiesReceivedOn.flatMap(Day.init))
    }
}
