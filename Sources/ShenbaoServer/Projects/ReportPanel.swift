import Fluent
import Foundation
import ShenbaoCore

/// The 项目报告与验收 section of a funded project's page (`applications/_reports.leaf`): each
/// report the call asks (its due day, state, the province's comment), the unit's form while it
/// is editable (questions, 经费决算 in 万元, evidence), the province's decision on a submitted
/// report, then the acceptance (验收) form, the decisions recorded and 结题. Recommenders and
/// finance read the same. A form that comes back shows what was typed, each problem beside its field.
struct ReportPanel: Encodable {
    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    /// One question of a report, with ids unique on the page (two reports may ask the same code).
    struct QuestionLine: Encodable {
        var id: String
        var hintId: String
        var errorId: String
        var describedBy: String
        var row: QuestionRow
    }

    struct AccountLine: Encodable {
        var index: Int
        var phase: Int
        var period: String
        var budgetWan: String
        /// As typed (万元) or as saved.
        var spentWan: String
        var explanation: String
        var spentError: String?
        var explanationError: String?
    }

    struct EvidenceLine: Encodable {
        var id: String
        var typeLabel: String
        var name: String
        var url: String
    }

    struct ReportCard: Encodable {
        var code: String
        var title: String
        var due: String
        var statusLabel: String
        var status: String
        var overdue: Bool
        var returnComment: String?
        var submittedAt: String?
        var decidedAt: String?
        /// The owner, while the report is a draft or returned and the project underway.
        var canEdit: Bool
        /// The province, on a submitted report.
        var canDecide: Bool
        /// Its answers, accounts and evidence are shown: to the owner always, to the others once
        /// it was submitted (a draft reads as not submitted yet).
        var showContent: Bool
        var version: Int
        var questions: [QuestionLine]
        var accounts: [AccountLine]
        var budgetedWan: String
        var spentWan: String
        var evidence: [EvidenceLine]
        var evidenceTypes: [Option]
        /// Problems of the form that came back, all listed above it, and those of no field below.
        var problems: [String]
        var accountsError: String?
        var evidenceError: String?
        var uploadError: String?
        var decisionComment: String
        var decisionError: String?
    }

    struct GoalLine: Encodable {
        var index: Int
        var phase: Int
        var period: String
        var goal: String
        var options: [Option]
        var error: String?
    }

    struct PastDecision: Encodable {
        var decidedAt: String
        var outcome: String
        var passed: Bool
        var score: Int
        var grade: String
        var goals: String
        var comment: String
        var rectifyBy: String?
    }

    /// What the province typed on the acceptance form, shown again when it comes back.
    struct AcceptanceTyped {
        var passed = ""
        var score = ""
        var goals: [String] = []
        var comment = ""
        var rectifyBy = ""
    }

    struct AcceptanceForm: Encodable {
        var passedYes: Bool
        var passedNo: Bool
        var score: String
        var comment: String
        var rectifyBy: String
        var goals: [GoalLine]
        /// Problems by field: `passed`, `score`, `comment`, `rectifyBy`, `goals`.
        var errors: [String: String]
        var problems: [String]
    }

    /// What the unit typed on a report's form, shown again when it comes back.
    struct Typed {
        var answers: [String: Answer]
        var spentWan: [String]
        var explanations: [String]
    }

    /// A form that came back: which one, what was typed and its problems.
    enum Returned {
        case report(code: String, typed: Typed?, problems: [Problem])
        case upload(code: String, problems: [Problem])
        case decision(code: String, comment: String, problems: [Problem])
        case acceptance(AcceptanceTyped, problems: [Problem])
        case close(comment: String, problems: [Problem])
    }

    var applicationId: String
    var reports: [ReportCard]
    /// Shown from 验收中 on: the acceptance's state in a sentence for this user.
    var showAcceptance: Bool
    var acceptanceNext: String
    var acceptanceForm: AcceptanceForm?
    var decisions: [PastDecision]
    var canClose: Bool
    var closeComment: String
    var closeError: String?
    var evidenceMaxMB: Int

    /// The flash message of a step of this section (`?done=`), nil for another's.
    static func flash(_ done: String?) -> String? {
        switch done {
        case "reportSaved": "报告已保存。"
        case "reportSubmitted": "报告已提交，等待省科协审核。"
        case "evidenceUploaded": "佐证材料已上传。"
        case "evidenceDeleted": "佐证材料已删除。"
        case "reportAccepted": "报告已审核通过，申报单位会收到通知。"
        case "reportReturned": "报告已退回修改，申报单位会收到通知。"
        case "acceptanceRecorded": "验收结论已记录，申报单位会收到通知。"
        case "closed": "项目已结题。"
        default: nil
        }
    }

    static func load(
        _ application: ApplicationModel, user: AuthenticatedUser, now: Date, returned: Returned? = nil,
        maxEvidenceBytes: Int, on db: any Database
    ) async throws -> ReportPanel? {
        let shown = ApplicationStatus.underway.union([.closed])
        guard shown.contains(application.status), [.applicant, .recommender, .province, .finance].contains(user.role)
        else { return nil }
        let id = try application.requireID()
        let owner = ApplicationAccess.isOwner(user, application)
        let underway = ApplicationStatus.reportable.contains(application.status)
        let list = try await ReportService.list(application, today: ChineseFormat.today(now), on: db)
        let phases = application.form.phases ?? []
        let cards = list.items.map { dto in
            card(dto, application: application, owner: owner, user: user, underway: underway, returned: returned)
        }
        let decisions = try await AcceptanceService.list(id, on: db).items
        let finalReport = list.items.first { $0.kind == ReportDefinition.Kind.final.rawValue }
        let finalAccepted = finalReport?.status == Report.Status.accepted.rawValue
        let canRecord = user.role == .province && application.status == .reporting && finalAccepted
        var acceptanceForm: AcceptanceForm?
        if canRecord {
            var typed = AcceptanceTyped()
            var problems: [Problem] = []
            if case .acceptance(let given, let given2) = returned {
                typed = given
                problems = given2
            }
            let errors = Self.errors(problems)
            acceptanceForm = AcceptanceForm(
                passedYes: typed.passed == "true", passedNo: typed.passed == "false", score: typed.score,
                comment: typed.comment, rectifyBy: typed.rectifyBy,
                goals: phases.enumerated().map { index, phase in
                    let chosen = index < typed.goals.count ? typed.goals[index] : ""
                    return GoalLine(
                        index: index, phase: index + 1, period: ProjectFacts.text(phase.period),
                        goal: phase.goal ?? "未填写",
                        options: [Option(value: "", label: "请选择", selected: chosen.isEmpty)]
                            + Acceptance.GoalMet.allCases.map {
                                Option(value: $0.rawValue, label: $0.label, selected: chosen == $0.rawValue)
                            },
                        error: errors["goals[\(index)]"])
                }, errors: errors, problems: problems.map(\.message))
        }
        let next: String =
            switch application.status {
            case .inProgress: "提交总结报告并经省科协审核通过后进行验收。"
            case .reporting where finalAccepted && user.role == .province: "总结报告已审核通过，请记录验收结论和绩效评价得分。"
            case .reporting where finalAccepted: "总结报告已审核通过，等待省科协记录验收结论。"
            case .reporting: "总结报告审核通过后进行验收。"
            case .acceptancePassed: user.role == .province ? "项目已验收通过，可以结题。" : "项目已验收通过，等待省科协结题。"
            case .acceptanceFailed:
                owner
                    ? "项目验收不通过，请在整改期限前修改总结报告并重新提交。"
                    : "项目验收不通过，等待申报单位整改后重新提交总结报告。"
            case .closed: "项目已结题。"
            default: ""
            }
        var closeComment = ""
        var closeError: String?
        if case .close(let comment, let problems) = returned {
            closeComment = comment
            closeError = problems.isEmpty ? nil : problems.map(\.message).joined(separator: "；")
        }
        return ReportPanel(
            applicationId: id.uuidString, reports: cards,
            showAcceptance: application.status != .inProgress || !decisions.isEmpty, acceptanceNext: next,
            acceptanceForm: acceptanceForm,
            decisions: decisions.map { decision in
                PastDecision(
                    decidedAt: ChineseFormat.dateTime(decision.decidedAt), outcome: decision.outcomeLabel,
                    passed: decision.passed, score: decision.score, grade: decision.grade,
                    goals: decision.goalLabels.enumerated().map { "第\($0.offset + 1)阶段\($0.element)" }
                        .joined(separator: "；"),
                    comment: decision.comment, rectifyBy: decision.rectifyBy.flatMap { Day($0)?.chinese })
            },
            canClose: user.role == .province && [.acceptancePassed, .acceptanceFailed].contains(application.status),
            closeComment: closeComment, closeError: closeError, evidenceMaxMB: maxEvidenceBytes / 1024 / 1024)
    }

    private static func card(
        _ dto: ReportService.DTO, application: ApplicationModel, owner: Bool, user: AuthenticatedUser, underway: Bool,
        returned: Returned?
    ) -> ReportCard {
        var typed: Typed?
        var problems: [Problem] = []
        var uploadProblems: [Problem] = []
        var decisionComment = ""
        var decisionProblems: [Problem] = []
        switch returned {
        case .report(let code, let given, let given2) where code == dto.code:
            typed = given
            problems = given2
        case .upload(let code, let given) where code == dto.code: uploadProblems = given
        case .decision(let code, let comment, let given) where code == dto.code:
            decisionComment = comment
            decisionProblems = given
        default: break
        }
        let errors = Self.errors(problems)
        let prefix = "r-\(dto.code)"
        let questions = QuestionRow.rows(
            dto.questions, category: application.category, answers: typed?.answers ?? dto.answers, problems: problems,
            files: []
        ).map { row in
            let base = "\(prefix)-q-\(row.code)"
            return QuestionLine(
                id: base, hintId: base + "-hint", errorId: base + "-error",
                describedBy: [row.help.isEmpty ? nil : base + "-hint", row.error.isEmpty ? nil : base + "-error"]
                    .compactMap { $0 }.joined(separator: " "), row: row)
        }
        let accounts = dto.accounts.enumerated().map { index, row in
            let field = "accounts[\(index)]"
            let spent =
                typed.map { index < $0.spentWan.count ? $0.spentWan[index] : "" } ?? row.spentYuan.map(
                    WanAmount.wanText)
                ?? ""
            let explanation =
                typed.map { index < $0.explanations.count ? $0.explanations[index] : "" } ?? row.explanation ?? ""
            return AccountLine(
                index: index, phase: row.phase, period: row.period, budgetWan: WanAmount.wanText(row.budgetYuan ?? 0),
                spentWan: spent, explanation: explanation, spentError: errors[field + ".spentYuan"],
                explanationError: errors[field + ".explanation"])
        }
        let due: String =
            if let day = dto.dueOn.flatMap(Day.init) {
                day.chinese == dto.dueRule ? day.chinese : "\(day.chinese)（\(dto.dueRule)）"
            } else { dto.dueRule }
        return ReportCard(
            code: dto.code, title: dto.title, due: due, statusLabel: dto.statusLabel, status: dto.status,
            overdue: dto.overdue, returnComment: dto.returnComment.flatMap { $0.isEmpty ? nil : $0 },
            submittedAt: dto.submittedAt.map(ChineseFormat.dateTime),
            decidedAt: dto.decidedAt.map(ChineseFormat.dateTime),
            canEdit: owner && dto.editable,
            canDecide: user.role == .province && underway && dto.status == Report.Status.submitted.rawValue,
            showContent: owner || dto.status != Report.Status.draft.rawValue,
            version: dto.version, questions: questions, accounts: accounts,
            budgetedWan: WanAmount.wanText(dto.budgetedYuan),
            spentWan: WanAmount.wanText(
                typed == nil
                    ? dto.spentYuan
                    : accounts.reduce(0) {
                        if case .success(let yuan) = WanAmount.yuan($1.spentWan, within: Report.spentBounds) {
                            return $0 + yuan
                        }
                        return $0
                    }),
            evidence: dto.evidence.map {
                EvidenceLine(id: $0.id.uuidString, typeLabel: $0.typeLabel, name: $0.name, url: $0.url)
            },
            evidenceTypes: [Option(value: "", label: "请选择", selected: true)]
                + Report.Evidence.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: false) },
            problems: problems.map(\.message), accountsError: errors["accounts"], evidenceError: errors["evidence"],
            uploadError: uploadProblems.isEmpty ? nil : uploadProblems.map(\.message).joined(separator: "；"),
            decisionComment: decisionComment,
            decisionError: decisionProblems.isEmpty ? nil : decisionProblems.map(\.message).joined(separator: "；"))
    }

    /// Problems by field, two on one field joined.
    static func errors(_ problems: [Problem]) -> [String: String] {
        var errors: [String: String] = [:]
        for problem in problems {
            errors[problem.field] = errors[problem.field].map { $0 + "；" + problem.message } ?? problem.message
        }
        return errors
    }
}
