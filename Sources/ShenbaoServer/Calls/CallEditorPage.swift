import Fluent
import Foundation
import ShenbaoCore

/// `/admin/calls/{id}/definition`: the call editor's page — categories with their quotas,
/// amounts and options, the kinds and conditions, the notice, the contact and the materials,
/// each input with its problem beside it.
struct CallEditorPage: Encodable {
    struct Field: Encodable {
        var key: String
        var label: String
        var value: String
        var error: String?
        var long: Bool
        var numeric: Bool
    }

    struct OptionRow: Encodable {
        var key: String
        var number: Int
        var code: String
        var label: String
        var order: String
        var retired: Bool
        var isNew: Bool
        var error: String?
        var orderError: String?
    }

    struct OptionList: Encodable {
        var title: String
        var rows: [OptionRow]
        var error: String?
    }

    struct CategoryBlock: Encodable {
        var title: String
        var fields: [Field]
        var lists: [OptionList]
    }

    /// One entry of a select: its value, its text, whether it is chosen.
    struct Choice: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    /// The problems of one question's inputs.
    struct QuestionErrors: Encodable {
        var label, kind, cat, help, maxlen, min, max, options, order: String?
    }

    /// One extra question's row: what it asks, its kind and settings, a blank one for a new question.
    struct QuestionRow: Encodable {
        var key: String
        var number: Int
        var isNew: Bool
        var code: String
        var label: String
        var kinds: [Choice]
        var required: Bool
        var categories: [Choice]
        var help: String
        var maxlen: String
        var min: String
        var max: String
        var options: String
        var order: String
        var remove: Bool
        var errors: QuestionErrors
    }

    var id: String
    var year: Int
    var title: String
    var phaseLabel: String
    var applicationCount: Int
    var used: Bool
    var total: [Field]
    var categories: [CategoryBlock]
    /// One list each (an array, so the template includes the list's part the same way).
    var applicantKinds: [OptionList]
    var priorityConditions: [OptionList]
    var eligibility: [Field]
    var recommenderKinds: [Field]
    var general: [Field]
    var contact: [Field]
    var submission: [Field]
    var questions: [QuestionRow]
    /// A problem of the questions as a whole (too many; one answered and removed).
    var questionsError: String?
    var problems: [Problem]
    var flash: String?

    static let template = Template.callsDefinition

    /// The page of `call`: as saved, or echoing `form` with its problems.
    static func load(
        call: CallModel, form: CallEditorForm? = nil, problems: [Problem] = [], flash: String? = nil,
        on db: any Database
    ) async throws -> CallEditorPage {
        let definition = call.current
        let form = form ?? CallEditorForm(values: CallEditorForm.values(of: definition))
        let plain = CallEditorForm.plainFields(definition)
        let lists = CallEditorForm.optionLists(definition)
        var errors: [String: String] = [:]
        for problem in problems {
            let key = form.key(for: problem.field, plain: plain, lists: lists.map(\.list))
            if errors[key] == nil { errors[key] = problem.message }
        }
        func field(_ plain: CallEditorForm.Plain) -> Field {
            Field(
                key: plain.key, label: plain.label, value: form.values[plain.key] ?? "", error: errors[plain.key],
                long: plain.kind == .longText, numeric: plain.kind == .integer || plain.kind == .wan)
        }
        func fields(_ prefix: String) -> [Field] { plain.filter { $0.key.hasPrefix(prefix) }.map(field) }
        func optionList(_ list: CallEditorForm.OptionList, existing: Int, title: String) -> OptionList {
            let rows = (0..<(existing + CallEditorForm.newRows)).map { row in
                let key = "\(list.prefix)\(row)"
                return OptionRow(
                    key: key, number: row + 1, code: form.values["\(key)_code"] ?? "",
                    label: form.values["\(key)_label"] ?? "", order: form.values["\(key)_order"] ?? "",
                    retired: !(form.values["\(key)_retired"] ?? "").isEmpty, isNew: row >= existing,
                    error: errors["\(key)_label"], orderError: errors["\(key)_order"])
            }
            return OptionList(title: title, rows: rows, error: errors[list.path])
        }
        let categories = definition.categories.enumerated().map { index, category in
            let own = lists.filter { $0.list.prefix.hasPrefix("c\(index)") }
            return CategoryBlock(
                title: "类别\(index + 1)：\(category.label)", fields: fields("c\(index)_"),
                lists: own.map { optionList($0.list, existing: $0.options.count, title: $0.list.label) })
        }
        func named(_ path: String, _ title: String) -> OptionList {
            guard let list = lists.first(where: { $0.list.path == path }) else {
                return OptionList(title: title, rows: [], error: nil)
            }
            return optionList(list.list, existing: list.options.count, title: title)
        }
        let existingQuestions = (definition.questions ?? []).count
        let questions = (0..<(existingQuestions + CallEditorForm.newQuestionRows)).map { row in
            let key = "q\(row)"
            func value(_ suffix: String) -> String { form.values["\(key)_\(suffix)"] ?? "" }
            func error(_ suffix: String) -> String? { errors["\(key)_\(suffix)"] }
            let kind = value("kind")
            let category = value("cat")
            return QuestionRow(
                key: key, number: row + 1, isNew: row >= existingQuestions, code: value("code"),
                label: value("label"),
                kinds: [Choice(value: "", label: "请选择", selected: kind.isEmpty)]
                    + Question.Kind.allCases.map {
                        Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == kind)
                    },
                required: !value("required").isEmpty,
                categories: [Choice(value: "", label: "全部类别", selected: category.isEmpty)]
                    + definition.categories.map {
                        Choice(value: $0.code.rawValue, label: $0.label, selected: $0.code.rawValue == category)
                    },
                help: value("help"), maxlen: value("maxlen"), min: value("min"), max: value("max"),
                options: value("options"), order: value("order"), remove: !value("remove").isEmpty,
                errors: QuestionErrors(
                    label: error("label"), kind: error("kind"), cat: error("cat"), help: error("help"),
                    maxlen: error("maxlen"), min: error("min"), max: error("max"), options: error("options"),
                    order: error("order")))
        }
        let callID = try call.requireID()
        let applications = try await ApplicationModel.query(on: db).filter(\.$call.$id == callID).count()
        return CallEditorPage(
            id: callID.uuidString, year: call.year, title: call.title, phaseLabel: call.phase.label,
            applicationCount: applications, used: applications > 0, total: fields("total_"), categories: categories,
            applicantKinds: [named("applicantKinds", "申报单位类型")],
            priorityConditions: [named("priorityConditions", "优先考虑条件")],
            eligibility: fields("el"), recommenderKinds: fields("rk"),
            general: fields("notice") + fields("edition"), contact: fields("ct_"), submission: fields("sub_"),
            questions: questions, questionsError: errors["questions"], problems: problems, flash: flash)
    }
}
