import Fluent
import Foundation

/// Finance's budget opinion on one application (财务预算意见): agree, or reduce to an amount.
final class FinanceOpinionModel: Model, @unchecked Sendable {
    static let schema = "finance_opinions"

    enum Decision: String, Codable, Sendable {
        case agree
        case reduce

        var label: String { self == .agree ? "同意" : "核减" }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "decision") var decision: Decision
    @OptionalField(key: "amount_yuan") var amountYuan: Int?
    @Field(key: "comment") var comment: String
    @Field(key: "signer") var signer: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The most finance agrees to, or nil when it agreed to the request.
    var capYuan: Int? { decision == .reduce ? amountYuan : nil }
}

extension FinanceOpinionModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $application, $decision, $amountYuan, $comment, $signer, $updatedAt] }
}
