import Fluent
import Foundation
import ShenbaoCore

/// `/admin/calls`: the province's page for one call — every call to choose from, the phases with
/// the next step, and the form of its dates and texts.
struct CallAdminPage: Encodable {
    struct Step: Encodable {
        var number: Int
        var label: String
        var state: String
    }

    struct CallLine: Encodable {
        var id: String
        var year: Int
        var title: String
        var phaseLabel: String
        var selected: Bool
    }

    var calls: [CallLine]
    var id: String
    var year: Int
    var steps: [Step]
    var next: String?
    var nextLabel: String?
    var form: CallAdminPagesController.Form
    var errors: [String: String]
    var problems: [Problem]
    var flash: String?
    /// The guide's placeholders (GuideText), shown beside its text.
    var placeholders: [String]
    /// The copy's year and title: next year's by default, as typed after a refusal.
    var copy: CallAdminPagesController.CopyForm

    /// The page of `call`; `form` echoes a refused edit (nil shows the call as saved).
    static func load(
        call: CallModel, form: CallAdminPagesController.Form? = nil, problems: [Problem] = [], flash: String? = nil,
        copy: CallAdminPagesController.CopyForm? = nil, on db: any Database
    ) async throws -> CallAdminPage {
        let definition = call.current
        let phases = CallPhase.allCases
        let index = phases.firstIndex(of: call.phase) ?? 0
        let next = index + 1 < phases.count ? phases[index + 1] : nil
        let calls = try await CallModel.query(on: db).sort(\.$year, .descending).all().map {
            CallLine(
                id: try $0.requireID().uuidString, year: $0.year, title: $0.title, phaseLabel: $0.phase.label,
                selected: $0.id == call.id)
        }
        return CallAdminPage(
            calls: calls, id: try call.requireID().uuidString, year: call.year,
            steps: phases.enumerated().map {
                Step(
                    number: $0.offset + 1, label: $0.element.label,
                    state: $0.offset < index ? "done" : $0.offset == index ? "current" : "todo"
                )
            },
            next: next.flatMap { [.notice, .published].contains($0) ? nil : $0.rawValue }, nextLabel: next?.label,
            form: form
                ?? CallAdminPagesController.Form(
                    title: call.title, deadline: call.deadline.map(CallAdminPagesController.deadlineText) ?? "",
                    recommendationDeadline: definition.recommendationDeadline.map(
                        CallAdminPagesController.deadlineText) ?? "",
                    correctionWorkingDays: definition.correctionWorkingDays.map(String.init) ?? "",
                    publishesFinalState: definition.publishesFinalState == true ? "1" : nil,
                    noticeWorkingDays: String(definition.noticeWorkingDays), guideText: definition.guideText,
                    contactDepartment: definition.contact.department, contactPerson: definition.contact.person,
                    contactPhone: definition.contact.phone, contactEmail: definition.contact.email),
            errors: Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first }),
            problems: problems, flash: flash,
            placeholders: GuideText.placeholders(for: definition, deadline: "").map { "{{\($0.name)}}" },
            copy: copy
                ?? .init(
                    year: String(call.year + 1),
                    title: call.title.replacingOccurrences(of: String(call.year), with: String(call.year + 1))))
    }
}
