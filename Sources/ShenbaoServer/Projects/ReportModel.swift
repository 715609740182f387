import Fluent
import Foundation
import ShenbaoCore

/// One report of a funded project (`ReportDefinition` of its call, by `code`): created by the
/// unit's first save, autosaved while a draft or returned, then submitted, returned or accepted
/// (`Report.transitions`). The reminders it was sent are kept so none is sent twice.
final class ReportModel: Model, @unchecked Sendable {
    static let schema = "reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "code") var code: String
    @Field(key: "status") var status: Report.Status
    @Field(key: "answers") var answers: [String: Answer]
    /// A JSON object around the rows: PostgreSQL would take a bare Swift array for one of its own.
    @Field(key: "accounts") var accountRows: AccountRows
    /// Bumped by every save: a save from an older page is refused, not lost.
    @Field(key: "version") var version: Int
    @OptionalField(key: "return_comment") var returnComment: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    /// The due day (`YYYY-MM-DD`) whose "due in 7 days" reminder went out, and the one whose
    /// overdue notice did.
    @OptionalField(key: "reminded_due_on") var remindedDueOn: String?
    @OptionalField(key: "reminded_overdue_on") var remindedOverdueOn: String?
    @OptionalField(key: "created_at") var createdAt: Date?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    struct AccountRows: Codable {
        var rows: [Report.AccountRow]
    }

    /// The 经费决算 rows as saved.
    var accounts: [Report.AccountRow] {
        get { accountRows.rows }
        set { accountRows = AccountRows(rows: newValue) }
    }
}

extension ReportModel {
    /// Listed by hand (ModelPropertiesTests checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $application, $code, $status, $answers, $accountRows, $version, $returnComment, $submittedAt,
            $decidedBy, $decidedAt, $remindedDueOn, $remindedOverdueOn, $createdAt, $updatedAt,
        ]
    }
}

/// One acceptance decision (验收 and 绩效评价); a project that failed and rectified has two.
final class AcceptanceModel: Model, @unchecked Sendable {
    static let schema = "acceptances"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "passed") var passed: Bool
    @Field(key: "score") var score: Int
    /// `Acceptance.GoalMet` raw values, one per phase.
    @Field(key: "goals") var goalCodes: [String]
    @Field(key: "comment") var comment: String
    /// `YYYY-MM-DD`: the rectification deadline of a project not accepted.
    @OptionalField(key: "rectify_by") var rectifyBy: String?
    @Field(key: "decided_by") var decidedBy: UUID
    @Field(key: "decided_at") var decidedAt: Date

    init() {}

    var goals: [Acceptance.GoalMet] {
        get { goalCodes.compactMap(Acceptance.GoalMet.init(rawValue:)) }
        set { goalCodes = newValue.map(\.rawValue) }
    }
}

extension AcceptanceModel {
    var properties: [any AnyProperty] {
        [$id, $application, $passed, $score, $goalCodes, $comment, $rectifyBy, $decidedBy, $decidedAt]
    }
}
