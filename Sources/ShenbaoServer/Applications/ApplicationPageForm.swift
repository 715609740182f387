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

    /// The Core form, and the problems only the page can have (an amount that is not a number).
    func converted(category: ShenbaoCore.Category) -> (ApplicationForm, [Problem]) {
        var problems: [Problem] = []
        func text(_ value: String?) -> String? {
            // Browsers send CRLF in textareas; a reader counts a line break as one character.
            let trimmed = value?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
                in: .whitespacesAndNewlines)
            return trimmed?.isEmpty == false ? trimmed : nil
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
            let partner = Partner(name: text(row.name), countryOrRegion: text(row.countryOrRegion))
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
                if let yuan = Self.yuan(fromWan: raw) {
                    phase.budgetYuan = yuan
                } else {
                    problems.append(
                        Problem(
                            field: "phases[\(phaseRows.count)].budgetYuan", code: "notANumber",
                            message: "第\(phaseRows.count + 1)阶段的经费预算“\(raw)”不是数字，请以万元填写，如 5 或 3.5"))
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
                    name: text($0.name), countryOrRegion: text($0.countryOrRegion), affiliation: text($0.affiliation),
                    title: text($0.title))
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
        return (form, problems)
    }

    /// "5" → 50000, "3.5" → 35000, "12.3456" → 123456; at most four decimals (a yuan).
    static func yuan(fromWan raw: String) -> Int? {
        let cleaned = raw.replacingOccurrences(of: "万元", with: "").replacingOccurrences(of: "，", with: "")
            .replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 7,
            parts[0].allSatisfy(\.isASCIIDigit),
            let whole = Int(parts[0])
        else { return nil }
        var yuan = whole * 10000
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 4, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            yuan += Int(fraction.padding(toLength: 4, withPad: "0", startingAt: 0)) ?? 0
        }
        return yuan
    }
}
