import Fluent
import Foundation
import ShenbaoCore

/// `/review/reviews/{id}`: the province's view of one expert's review — what it says now, its
/// history (修改记录, every changing save, submission and reopening with before and after), the
/// expert's deadline with any extension, and the reopen and extend controls.
struct ReviewRecordPage: Encodable {
    struct ScoreLine: Encodable {
        var name: String
        var maxPoints: Int
        var points: String
    }

    /// One side (before or after) of a history line, in words.
    struct Version: Encodable {
        var scores: String
        var total: String
        var comment: String?
        var recommendation: String
        var suggestedAmount: String
    }

    struct ChangeLine: Encodable {
        var kindLabel: String
        var kind: String
        var actorName: String
        var at: String
        var before: Version?
        var after: Version
        var reason: String?
        /// The fields that differ, named, e.g. "评分、评审意见"; nil for a reopening or nothing.
        var changed: String?
    }

    var id: String
    var applicationId: String
    var projectName: String
    var organizationName: String
    var expertId: String
    var expertName: String
    var status: String
    var statusLabel: String
    var scores: [ScoreLine]
    var total: String
    var comment: String
    var recommendation: String
    var suggestedAmount: String
    var submittedAt: String?
    var deadline: String?
    var extendedDeadline: String?
    var extensionReason: String?
    var changes: [ChangeLine]
    var canReopen: Bool
    var canExtend: Bool
    var form: Form
    var flash: String?
    var problems: [Problem]
    var errors: [String: String]

    /// What was typed into the reopen or extend forms, echoed back with their problems.
    struct Form: Encodable {
        var reason = ""
        var deadline = ""
        var extensionReason = ""
    }

    static func load(
        _ reviewID: String?, form: Form = Form(), problems: [Problem] = [], flash: String? = nil,
        on db: any Database
    ) async throws -> ReviewRecordPage {
        let review = try await ReviewOversightService.find(reviewID, on: db)
        let plan = try await ReviewPlanModel.find(call: review.$call.id, on: db)?.plan ?? .defaults
        let extended = try await ReviewExtensionModel.find(call: review.$call.id, expert: review.$expert.id, on: db)
        let rows = try await ReviewChangeModel.query(on: db).filter(\.$review.$id == review.requireID())
            .sort(\.$at).all()
        func version(_ snapshot: ReviewChangeModel.Snapshot) -> Version {
            Version(
                scores: plan.criteria.compactMap { criterion in
                    snapshot.scores?[criterion.code].map { "\(criterion.name) \($0)" }
                }.joined(separator: "，").nonEmpty ?? "—",
                total: snapshot.total.map(String.init) ?? "—", comment: snapshot.comment,
                recommendation: snapshot.recommendation.flatMap(ReviewModel.Recommendation.init(rawValue:))?.label
                    ?? "—",
                suggestedAmount: snapshot.suggestedAmountYuan.map { WanAmount.withUnit($0) } ?? "—")
        }
        func changed(_ before: ReviewChangeModel.Snapshot?, _ after: ReviewChangeModel.Snapshot) -> String? {
            guard let before else { return nil }
            var fields: [String] = []
            if before.scores != after.scores { fields.append("评分") }
            if before.comment != after.comment { fields.append("评审意见") }
            if before.recommendation != after.recommendation { fields.append("评审建议") }
            if before.suggestedAmountYuan != after.suggestedAmountYuan { fields.append("建议资助金额") }
            return fields.isEmpty ? nil : fields.joined(separator: "、")
        }
        let open = review.application.status == .inReview && PhaseGate.allows(.score, in: review.call.phase)
        return ReviewRecordPage(
            id: try review.requireID().uuidString, applicationId: review.$application.id.uuidString,
            projectName: review.application.form.projectName ?? "未命名项目",
            organizationName: review.application.organizationSnapshot?.name ?? "",
            expertId: review.$expert.id.uuidString, expertName: review.expert.name, status: review.status.rawValue,
            statusLabel: review.status.label,
            scores: plan.criteria.map { criterion in
                ScoreLine(
                    name: criterion.name, maxPoints: criterion.maxPoints,
                    points: review.scores?[criterion.code].map(String.init) ?? "—")
            },
            total: review.total.map(String.init) ?? "—", comment: review.comment ?? "",
            recommendation: review.recommendation?.label ?? "—",
            suggestedAmount: review.suggestedAmountYuan.map { WanAmount.withUnit($0) } ?? "—",
            submittedAt: review.submittedAt.map(ChineseFormat.dateTime), deadline: plan.deadline?.chinese,
            extendedDeadline: extended?.day?.chinese, extensionReason: extended?.reason,
            changes: rows.map { row in
                ChangeLine(
                    kindLabel: row.kind.label, kind: row.kind.rawValue, actorName: row.actorName,
                    at: ChineseFormat.dateTime(row.at), before: row.before.map(version), after: version(row.after),
                    reason: row.reason, changed: row.kind == .reopened ? nil : changed(row.before, row.after))
            },
            canReopen: review.status == .submitted && open,
            canExtend: plan.deadline != nil && review.isActive && open,
            form: form, flash: flash, problems: problems, errors: FieldErrors.make(problems))
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
