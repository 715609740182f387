import Foundation
import ShenbaoCore

/// The call editor's page form, flat (`c0_fmin`, `c1f3_label`, …) so no index can be sparse,
/// read into the editor's input. Each key stands for one JSON path of the definition, so the
/// problems Core names by path find their input; option rows are ordered by their 顺序 and blank
/// new rows left out, and `rowKeys` remembers which row became which item.
struct CallEditorForm {
    /// Blank rows offered under each list of options, for new options.
    static let newRows = 2
    /// Blank rows offered after the extra questions, for new questions.
    static let newQuestionRows = 2

    /// One list of options on the page: its key prefix, its JSON path and its label.
    struct OptionList {
        var prefix: String
        var path: String
        var label: String
    }

    static func optionLists(_ call: CallDefinition) -> [(list: OptionList, options: [Option])] {
        var lists: [(OptionList, [Option])] = []
        for (index, category) in call.categories.enumerated() {
            lists.append(
                (
                    OptionList(prefix: "c\(index)cc", path: "categories[\(index)].cooperationContent", label: "合作内容"),
                    category.cooperationContent
                ))
            lists.append(
                (OptionList(prefix: "c\(index)f", path: "categories[\(index)].fields", label: "合作领域"), category.fields))
        }
        lists.append((OptionList(prefix: "ak", path: "applicantKinds", label: "申报单位类型"), call.applicantKinds))
        lists.append((OptionList(prefix: "pc", path: "priorityConditions", label: "优先考虑条件"), call.priorityConditions))
        return lists
    }

    /// Plain fields: key, JSON path, label, and how to read and write them on a definition.
    struct Plain {
        var key: String
        var path: String
        var label: String
        var kind: Kind
        enum Kind { case text, integer, wan, longText }
    }

    static func plainFields(_ call: CallDefinition) -> [Plain] {
        var fields = [
            Plain(key: "total_min", path: "totalFunded.min", label: "资助项目总数下限（项）", kind: .integer),
            Plain(key: "total_max", path: "totalFunded.max", label: "资助项目总数上限（项）", kind: .integer),
        ]
        for index in call.categories.indices {
            let c = "c\(index)"
            let path = "categories[\(index)]"
            fields += [
                Plain(key: "\(c)_label", path: "\(path).label", label: "类别名称", kind: .text),
                Plain(key: "\(c)_fmin", path: "\(path).funded.min", label: "资助数量下限（项）", kind: .integer),
                Plain(key: "\(c)_fmax", path: "\(path).funded.max", label: "资助数量上限（项）", kind: .integer),
                Plain(key: "\(c)_amin", path: "\(path).amountYuan.min", label: "每项资助金额下限（万元）", kind: .wan),
                Plain(key: "\(c)_amax", path: "\(path).amountYuan.max", label: "每项资助金额上限（万元）", kind: .wan),
            ]
        }
        for index in call.eligibilityConditions.indices {
            fields.append(
                Plain(
                    key: "el\(index)", path: "eligibilityConditions[\(index)].label", label: "申报条件\(index + 1)",
                    kind: .longText))
        }
        for index in call.recommenderKinds.indices {
            fields.append(
                Plain(
                    key: "rk\(index)", path: "recommenderKinds[\(index)].label", label: "推荐单位\(index + 1)", kind: .text)
            )
        }
        fields += [
            Plain(key: "notice", path: "noticeWorkingDays", label: "公示期（工作日）", kind: .integer),
            Plain(key: "edition", path: "formEdition", label: "申报书版本（年-月）", kind: .text),
            Plain(key: "ct_department", path: "contact.department", label: "联系部门", kind: .text),
            Plain(key: "ct_person", path: "contact.person", label: "联系人", kind: .text),
            Plain(key: "ct_address", path: "contact.address", label: "联系地址", kind: .text),
            Plain(key: "ct_phone", path: "contact.phone", label: "联系电话", kind: .text),
            Plain(key: "ct_email", path: "contact.email", label: "电子邮箱", kind: .text),
            Plain(key: "sub_paper", path: "submission.paperCopies", label: "纸质申报书份数", kind: .integer),
            Plain(key: "sub_nonconf", path: "submission.nonConfidentialityCopies", label: "非涉密证明份数", kind: .integer),
            Plain(key: "sub_email", path: "submission.email", label: "材料接收邮箱", kind: .text),
            Plain(key: "sub_naming", path: "submission.packageNaming", label: "电子版文件夹命名", kind: .text),
            Plain(key: "sub_format", path: "submission.paperFormat", label: "纸质材料要求", kind: .text),
            Plain(key: "sub_contents", path: "submission.electronicContents", label: "电子版内容", kind: .text),
        ]
        return fields
    }

    /// The page's values for a saved call.
    static func values(of call: CallDefinition) -> [String: String] {
        var values: [String: String] = [
            "total_min": String(call.totalFunded.min), "total_max": String(call.totalFunded.max),
            "notice": String(call.noticeWorkingDays), "edition": call.formEdition ?? "",
            "ct_department": call.contact.department, "ct_person": call.contact.person,
            "ct_address": call.contact.address, "ct_phone": call.contact.phone, "ct_email": call.contact.email,
            "sub_paper": String(call.submission.paperCopies),
            "sub_nonconf": String(call.submission.nonConfidentialityCopies), "sub_email": call.submission.email,
            "sub_naming": call.submission.packageNaming, "sub_format": call.submission.paperFormat,
            "sub_contents": call.submission.electronicContents,
        ]
        for (index, category) in call.categories.enumerated() {
            values["c\(index)_label"] = category.label
            values["c\(index)_fmin"] = String(category.funded.min)
            values["c\(index)_fmax"] = String(category.funded.max)
            values["c\(index)_amin"] = WanAmount.wanText(category.amountYuan.min)
            values["c\(index)_amax"] = WanAmount.wanText(category.amountYuan.max)
        }
        for (index, condition) in call.eligibilityConditions.enumerated() { values["el\(index)"] = condition.label }
        for (index, kind) in call.recommenderKinds.enumerated() { values["rk\(index)"] = kind.label }
        for (row, question) in (call.questions ?? []).enumerated() {
            let key = "q\(row)"
            values["\(key)_code"] = question.code
            values["\(key)_label"] = question.label
            values["\(key)_kind"] = question.kind.rawValue
            if question.required { values["\(key)_required"] = "1" }
            let categories = question.categories ?? []
            values["\(key)_cat"] = categories.count == 1 ? categories.first?.rawValue : ""
            values["\(key)_help"] = question.help ?? ""
            values["\(key)_maxlen"] = question.maxLength.map(String.init) ?? ""
            values["\(key)_min"] = question.minimum.map(String.init) ?? ""
            values["\(key)_max"] = question.maximum.map(String.init) ?? ""
            values["\(key)_options"] =
                (question.options ?? []).filter { !$0.isRetired }.map(\.label).joined(separator: "\n")
            values["\(key)_order"] = String(row + 1)
        }
        for (list, options) in optionLists(call) {
            for (row, option) in options.enumerated() {
                values["\(list.prefix)\(row)_code"] = option.code
                values["\(list.prefix)\(row)_label"] = option.label
                values["\(list.prefix)\(row)_order"] = String(row + 1)
                if option.isRetired { values["\(list.prefix)\(row)_retired"] = "1" }
            }
        }
        return values
    }

    let values: [String: String]
    /// For each list's path, the page row each item of the new list came from.
    private(set) var rowKeys: [String: [String]] = [:]

    init(values: [String: String]) {
        self.values = values
    }

    func value(_ key: String) -> String {
        (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The editor's input read from the page, or the problems of what could not be read (a
    /// number that is none); Core then checks the rest.
    mutating func input(current call: CallDefinition, answered: Set<String> = [])
        -> (CallEditorService.Input, [Problem])
    {
        var problems: [Problem] = []
        var edited = call
        func integer(_ key: String, _ path: String, _ label: String) -> Int {
            let text = value(key)
            guard let number = Int(text), text.count <= 12 else {
                problems.append(Problem(field: path, code: .notANumber, message: "\(label)应为整数，现为“\(text.prefix(20))”"))
                return 0
            }
            return number
        }
        func wan(_ key: String, _ path: String, _ label: String) -> Int {
            switch WanAmount.parse(value(key), within: InputBounds.amountYuan, field: path, label: label) {
            case .yuan(let yuan): return yuan
            case .problem(let problem):
                problems.append(problem)
                return 1
            }
        }
        edited.totalFunded = Bounds(
            min: integer("total_min", "totalFunded.min", "资助项目总数下限"),
            max: integer("total_max", "totalFunded.max", "资助项目总数上限"))
        for index in edited.categories.indices {
            let c = "c\(index)"
            let path = "categories[\(index)]"
            edited.categories[index].label = value("\(c)_label")
            edited.categories[index].funded = Bounds(
                min: integer("\(c)_fmin", "\(path).funded.min", "资助数量下限"),
                max: integer("\(c)_fmax", "\(path).funded.max", "资助数量上限"))
            edited.categories[index].amountYuan = Bounds(
                min: wan("\(c)_amin", "\(path).amountYuan.min", "每项资助金额下限"),
                max: wan("\(c)_amax", "\(path).amountYuan.max", "每项资助金额上限"))
        }
        for index in edited.eligibilityConditions.indices {
            edited.eligibilityConditions[index].label = value("el\(index)")
        }
        for index in edited.recommenderKinds.indices { edited.recommenderKinds[index].label = value("rk\(index)") }
        edited.noticeWorkingDays = integer("notice", "noticeWorkingDays", "公示期（工作日）")
        edited.formEdition = value("edition").isEmpty ? nil : value("edition")
        edited.contact.department = value("ct_department")
        edited.contact.person = value("ct_person")
        edited.contact.address = value("ct_address")
        edited.contact.phone = value("ct_phone")
        edited.contact.email = value("ct_email")
        edited.submission.paperCopies = integer("sub_paper", "submission.paperCopies", "纸质申报书份数")
        edited.submission.nonConfidentialityCopies = integer(
            "sub_nonconf", "submission.nonConfidentialityCopies", "非涉密证明份数")
        edited.submission.email = value("sub_email")
        edited.submission.packageNaming = value("sub_naming")
        edited.submission.paperFormat = value("sub_format")
        edited.submission.electronicContents = value("sub_contents")

        for (list, options) in Self.optionLists(call) {
            let read = readOptions(list, existing: options.count, problems: &problems)
            switch list.path {
            case "applicantKinds": edited.applicantKinds = read
            case "priorityConditions": edited.priorityConditions = read
            default:
                // categories[i].cooperationContent / .fields
                guard let index = call.categories.indices.first(where: { list.prefix.hasPrefix("c\($0)") }) else {
                    continue
                }
                if list.path.hasSuffix("cooperationContent") {
                    edited.categories[index].cooperationContent = read
                } else {
                    edited.categories[index].fields = read
                }
            }
        }
        // An empty list (every question removed) clears them; the API's absent list would not.
        edited.questions = readQuestions(call, answered: answered, problems: &problems)
        return (
            CallEditorService.Input(edited),
            problems
        )
    }

    /// A list's rows in their 顺序 (ties keep the page's order); a new row without text is left
    /// out, a new row with text gets a fresh code.
    private mutating func readOptions(_ list: OptionList, existing: Int, problems: inout [Problem]) -> [Option] {
        var rows: [(order: Int, row: Int, option: Option)] = []
        var codes = Set((0..<existing).map { value("\(list.prefix)\($0)_code") })
        for row in 0..<(existing + Self.newRows) {
            let key = "\(list.prefix)\(row)"
            let label = value("\(key)_label")
            var code = row < existing ? value("\(key)_code") : ""
            if row >= existing {
                if label.isEmpty { continue }
                var serial = row + 1
                while codes.contains("added\(serial)") { serial += 1 }
                code = "added\(serial)"
                codes.insert(code)
            }
            let order = self.order(key, row: row, name: "\(list.label)第\(row + 1)行", problems: &problems)
            let retired = !value("\(key)_retired").isEmpty
            rows.append((order, row, Option(code: code, label: label, retired: retired ? true : nil)))
        }
        rows.sort { ($0.order, $0.row) < ($1.order, $1.row) }
        rowKeys[list.path] = rows.map { "\(list.prefix)\($0.row)" }
        return rows.map(\.option)
    }

    /// The extra questions' rows in their 顺序: a blank new row is left out, a new row with a
    /// question gets a fresh code, a row ticked 删除 is left out (the service refuses that for a
    /// question some application answered). Choice options are typed one per line: a line with
    /// an existing option's text keeps its code; an option no longer listed stays, retired, when
    /// the question has answers (they keep their text), and was retired before.
    private mutating func readQuestions(_ call: CallDefinition, answered: Set<String>, problems: inout [Problem])
        -> [Question]
    {
        let existing = call.questions ?? []
        var codes = Set(existing.map(\.code))
        var rows: [(order: Int, row: Int, question: Question)] = []
        for row in 0..<(existing.count + Self.newQuestionRows) {
            let key = "q\(row)"
            let label = value("\(key)_label")
            let kindText = value("\(key)_kind")
            let old = row < existing.count ? existing.first(where: { $0.code == value("\(key)_code") }) : nil
            if old == nil, label.isEmpty, kindText.isEmpty { continue }
            if !value("\(key)_remove").isEmpty { continue }
            let name = label.isEmpty ? "第\(row + 1)个补充问题" : "补充问题“\(label.prefix(40))”"
            var code = old?.code ?? ""
            if old == nil {
                var serial = row + 1
                while codes.contains("q\(serial)") { serial += 1 }
                code = "q\(serial)"
                codes.insert(code)
            }
            var kind = Question.Kind.shortText
            if let typed = Question.Kind(rawValue: kindText) {
                kind = typed
            } else {
                problems.append(Problem(field: "\(key)_kind", code: .required, message: "请选择\(name)的类型"))
            }
            func number(_ suffix: String, _ what: String) -> Int? {
                let text = value("\(key)_\(suffix)")
                guard !text.isEmpty else { return nil }
                guard let number = Int(text), text.count <= 12 else {
                    problems.append(
                        Problem(
                            field: "\(key)_\(suffix)", code: .notANumber,
                            message: "\(name)的\(what)应为整数，现为“\(text.prefix(20))”"))
                    return nil
                }
                return number
            }
            var categories: [Category]?
            let categoryText = value("\(key)_cat")
            if !categoryText.isEmpty {
                if let category = Category(rawValue: categoryText), call.category(category) != nil {
                    categories = [category]
                } else {
                    problems.append(
                        Problem(field: "\(key)_cat", code: .invalidValue, message: "请选择\(name)适用的项目类别"))
                }
            }
            let help = value("\(key)_help")
            var question = Question(
                code: code, label: label, kind: kind, required: !value("\(key)_required").isEmpty,
                categories: categories, help: help.isEmpty ? nil : help,
                maxLength: kind == .longText ? number("maxlen", "字数上限") : nil,
                minimum: kind == .number ? number("min", "最小值") : nil,
                maximum: kind == .number ? number("max", "最大值") : nil)
            if kind.hasOptions {
                question.options = Self.options(
                    typed: value("\(key)_options"), old: old?.options ?? [], answered: answered.contains(code))
            }
            let order = self.order(key, row: row, name: name, problems: &problems)
            rows.append((order, row, question))
        }
        rows.sort { ($0.order, $0.row) < ($1.order, $1.row) }
        rowKeys["questions"] = rows.map { "q\($0.row)" }
        return rows.map(\.question)
    }

    /// A choice question's options from its lines (bounded: Core refuses more than its limit).
    /// A row's 顺序: as typed (0–999), or its place on the page when left empty.
    private func order(_ key: String, row: Int, name: String, problems: inout [Problem]) -> Int {
        let text = value("\(key)_order")
        guard !text.isEmpty else { return row + 1 }
        if let typed = Int(text), (0...999).contains(typed) { return typed }
        problems.append(
            Problem(
                field: "\(key)_order", code: .notANumber,
                message: "\(name)的顺序应为0至999的整数，现为“\(text.prefix(10))”"))
        return row + 1
    }

    static func options(typed: String, old: [Option], answered: Bool) -> [Option] {
        let lines = typed.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .prefix(CallDefinitionCheck.optionLimit + 1)
        var unused = old
        var codes = Set(old.map(\.code))
        var options: [Option] = []
        for line in lines {
            if let index = unused.firstIndex(where: { $0.label.trimmingCharacters(in: .whitespaces) == line }) {
                options.append(Option(code: unused[index].code, label: line))
                unused.remove(at: index)
                continue
            }
            var serial = options.count + 1
            while codes.contains("o\(serial)") { serial += 1 }
            codes.insert("o\(serial)")
            options.append(Option(code: "o\(serial)", label: line))
        }
        for option in unused where option.isRetired || answered {
            options.append(Option(code: option.code, label: option.label, retired: true))
        }
        return options
    }

    /// The page key a problem's JSON path belongs to (an option's item back to its row, a
    /// question's part back to its input).
    func key(for path: String, plain: [Plain], lists: [OptionList]) -> String {
        if let field = plain.first(where: { $0.path == path }) { return field.key }
        if path.hasPrefix("questions[") {
            let rest = path.dropFirst("questions[".count)
            if let close = rest.firstIndex(of: "]"), let item = Int(rest[..<close]) {
                let rows = rowKeys["questions"] ?? []
                let row = item < rows.count ? rows[item] : "q\(item)"
                let part = rest[rest.index(after: close)...].dropFirst().prefix { $0.isLetter }
                let suffix =
                    switch part {
                    case "help": "_help"
                    case "options": "_options"
                    case "maxLength": "_maxlen"
                    case "min": "_min"
                    case "max": "_max"
                    default: "_label"
                    }
                return row + suffix
            }
        }
        for list in lists where path.hasPrefix(list.path + "[") {
            let rest = path.dropFirst(list.path.count + 1)
            guard let close = rest.firstIndex(of: "]"), let item = Int(rest[..<close]) else { continue }
            let rows = rowKeys[list.path] ?? []
            let row = item < rows.count ? rows[item] : "\(list.prefix)\(item)"
            return "\(row)_label"
        }
        return path
    }
}
