import Fluent
import Foundation
import ShenbaoCore

/// One payment of a funded project (经费拨付), as finance recorded it. Never changed or deleted:
/// a wrong payment is answered by the accounts, not by editing the record.
final class DisbursementModel: Model, @unchecked Sendable {
    static let schema = "disbursements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "call_id") var callID: UUID
    /// `YYYY-MM-DD`.
    @Field(key: "paid_on") var paidOn: String
    @Field(key: "amount_yuan") var amountYuan: Int
    /// Index into the application's `phases`, or none.
    @OptionalField(key: "phase_index") var phaseIndex: Int?
    @Field(key: "voucher_number") var voucherNumber: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by") var recordedBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension DisbursementModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $application, $callID, $paidOn, $amountYuan, $phaseIndex, $voucherNumber, $note, $recordedBy, $createdAt]
    }
}
