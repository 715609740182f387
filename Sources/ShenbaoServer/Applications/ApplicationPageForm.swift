import Foundation
import ShenbaoCore
import Vapor

/// The form page's fields as the browser posts them (`partners[0][name]`, `phases[1][budgetWan]`,
/// `cooperationContent[codes][]`…), turned into the Core form. Amounts are typed in 万元 as on
/// the paper form and stored in yuan; empty rows are dropped; empty texts are "not filled".
struct ApplicationPageForm: Content {
    struct Range: Content {
        var start: String?
        var end: String?
    }
    struct PartnerRow: Content {
        var name: String?
        var countryOrRegion: String?
    }
    struct ChoiceBox: Content {
        var codes: [String]?
        var other: String?
    }
    struct PhaseRow: Content {
        var period: Range?
        var budgetWan: String?
        var goal: String?
    }
    struct PersonRow: Content {
        var name: String?
        var countryOrRegion: String?
        var field: String?
        var affiliation: String?
        var title: String?
    }

    struct AvoidanceRow: Content {
        var kind: String?
        var name: String?
        var reason: String?
    }

    var version: Int?
    var projectName: String?
    var period: Range?
    var contactName: String?
    var contactPhone: String?
    var leader: String?
    var leaderTitle: String?
    var leaderPhone: String?
    var cooperationBasis: String?
    var partners: [PartnerRow]?
    var cooperationContent: ChoiceBox?
    var fields: ChoiceBox?
    var mainContent: String?
    var expectedGoals: String?
    var highlights: String?
    var phases: [PhaseRow]?
    var invitedExperts: [PersonRow]?
    var delegationMembers: [PersonRow]?
    var summaryContent: String?
    var summaryBasis: String?
    var eligibilityDeclarations: [String: String]?
    /// `priority[code]` ticked, with `priorityEvidence[code]`.
    var priority: [String: String]?
    var priorityEvidence: [String: String]?
    var commitment: [String: String]?
    /// 申请回避的专家或单位 (not part of the official form).
    var avoidances: [AvoidanceRow]?
    /// The call's extra questions (补充信息): `answers[code]`, and `answerChoices[code][]` for
    /// multiple choice; read by `QuestionRow.answers`, which knows each question's type.
    var answers: [String: String]?
    var answerChoices: [String: [String]]?

    /// The Core form, and the problems only the page can have (an amount that is not a number).
    func converted(category: ShenbaoCore.Category) -> (ApplicationForm, [Problem]) {
        var problems: [Problem] = []
        func text(_ value: String?) -> String? {
            // Browsers send CRLF in textareas; a reader counts a line break as one character.
            let trimmed = value?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
                in: .whitespacesAndNewlines)
            return trimmed?.isEmpty == false ? trimmed : nil
        }
        // The shared list offers names (德国); a code typed by hand is kept too, and anything else as
        // typed, for the rules to name.
        func country(_ value: String?) -> String? {
            text(value).map { CountryOrRegion.code(ofTyped: $0) ?? $0 }
        }
        func range(_ value: Range?) -> DayRange? {
            let start = text(value?.start).flatMap(Day.init)
            let end = text(value?.end).flatMap(Day.init)
            return start == nil && end == nil ? nil : DayRange(start: start, end: end)
        }
        func choices(_ box: ChoiceBox?) -> Choices? {
            let codes = (box?.codes ?? []).compactMap { text($0) }
            let other = text(box?.other)
            return codes.isEmpty && other == nil ? nil : Choices(codes: codes, other: other)
        }
        var form = ApplicationForm()
        form.projectName = text(projectName)
        form.period = range(period)
        form.contactName = text(contactName)
        form.contactPhone = text(contactPhone)
        form.leader = text(leader)
        form.leaderTitle = text(leaderTitle)
        form.leaderPhone = text(leaderPhone)
        form.cooperationBasis = text(cooperationBasis)
        form.partners = (partners ?? []).compactMap { row in
            let partner = Partner(name: text(row.name), countryOrRegion: country(row.countryOrRegion))
            return partner == Partner() ? nil : partner
        }
        form.cooperationContent = choices(cooperationContent)
        form.fields = choices(fields)
        form.mainContent = text(mainContent)
        form.expectedGoals = text(expectedGoals)
        form.highlights = text(highlights)
        var phaseRows: [Phase] = []
        for row in phases ?? [] {
            var phase = Phase(period: range(row.period), budgetYuan: nil, goal: text(row.goal))
            if let raw = text(row.budgetWan) {
                switch WanAmount.yuan(raw, within: InputBounds.amountYuan) {
                case .success(let yuan): phase.budgetYuan = yuan
                case .failure(.notANumber):
                    problems.append(
                        Problem(
                            field: "phases[\(phaseRows.count)].budgetYuan", code: .notANumber,
                            message: "第\(phaseRows.count + 1)阶段的经费预算“\(raw)”不是数字，请以万元填写，如 5 或 3.5"))
                case .failure(.outOfBounds):
                    problems.append(
                        Problem(
                            field: "phases[\(phaseRows.count)].budgetYuan", code: .outOfBounds,
                            message:
                                "第\(phaseRows.count + 1)阶段的经费预算“\(raw)”超出范围，应在0至\(WanAmount.wanText(InputBounds.amountYuan.upperBound))万元之间"
                        ))
                }
            }
            if phase != Phase() || text(row.budgetWan) != nil { phaseRows.append(phase) }
        }
        form.phases = phaseRows
        func people(_ rows: [PersonRow]?) -> [PersonRow] {
            (rows ?? []).filter {
                [$0.name, $0.countryOrRegion, $0.field, $0.affiliation, $0.title].contains { text($0) != nil }
            }
        }
        if category == .conference {
            form.invitedExperts = people(invitedExperts).map {
                InvitedExpert(
                    name: text($0.name), countryOrRegion: country($0.countryOrRegion),
                    affiliation: text($0.affiliation), title: text($0.title))
            }
        } else {
            form.delegationMembers = people(delegationMembers).map {
                DelegationMember(
                    name: text($0.name), field: text($0.field), affiliation: text($0.affiliation), title: text($0.title)
                )
            }
        }
        form.summaryContent = text(summaryContent)
        form.summaryBasis = text(summaryBasis)
        let ticked = eligibilityDeclarations ?? [:]
        form.eligibilityDeclarations = EligibilityDeclarations(
            independentLegalPerson: ticked["independentLegalPerson"] != nil,
            noSubcontracting: ticked["noSubcontracting"] != nil,
            teamAndControls: ticked["teamAndControls"] != nil, lawCompliance: ticked["lawCompliance"] != nil)
        form.priorityClaims = (priority ?? [:]).keys.sorted().map {
            PriorityClaim(code: $0, evidence: text(priorityEvidence?[$0]))
        }
        form.commitment = Commitment(accepted: commitment?["accepted"] != nil)
        let avoided = (avoidances ?? []).map {
            Avoidance(kind: text($0.kind), name: text($0.name), reason: text($0.reason))
        }.filter { !$0.isBlank }
        form.avoidances = avoided.isEmpty ? nil : avoided
        return (form, problems)
    }
}
