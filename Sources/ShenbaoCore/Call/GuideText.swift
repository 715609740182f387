import Foundation

/// The guide's text as the province writes it (docs/rules.md §2): a small Markdown — `# `, `## `
/// and `### ` headings, `- ` items, `**bold**`, one line one paragraph as the guide is laid out —
/// with the call's numbers, lists and contacts inserted by named placeholders (`{{资助项目数}}`),
/// so the text and the rules it states cannot drift apart. Nothing in it is HTML: the page
/// escapes every character, so no markup the province types reaches a browser as markup.
public enum GuideText {
    /// One block of the rendered guide.
    public struct Block: Hashable, Sendable, Encodable {
        public enum Kind: String, Hashable, Sendable, Encodable {
            case heading1, heading2, heading3, item, paragraph
        }

        public var kind: Kind
        public var spans: [Span]

        /// The block's text without its emphasis.
        public var text: String { spans.map(\.text).joined() }
    }

    public struct Span: Hashable, Sendable, Encodable {
        public var text: String
        public var bold: Bool
    }

    /// The placeholders a guide may use, in the order the editor lists them, with their values
    /// for `call`. `deadline` is the deadline as the pages write it (the caller formats dates), and
    /// `recommendationDeadline` the recommenders' (推荐截止时间), likewise.
    public static func placeholders(for call: CallDefinition, deadline: String, recommendationDeadline: String = "")
        -> [(name: String, value: String)]
    {
        func range(_ bounds: Bounds) -> String {
            bounds.min == bounds.max ? "\(bounds.min)" : "\(bounds.min)-\(bounds.max)"
        }
        func numbered(_ labels: [String]) -> String {
            labels.enumerated().map { "\($0.offset + 1).\($0.element)。" }.joined(separator: "\n")
        }
        let amounts = call.categories.map(\.amountYuan)
        let lowest = amounts.map(\.min).min() ?? 0
        let highest = amounts.map(\.max).max() ?? 0
        var values: [(String, String)] = [
            ("年度", "\(call.year)"), ("申报截止时间", deadline), ("推荐截止时间", recommendationDeadline),
            ("资助项目数", range(call.totalFunded)),
            (
                "资助金额",
                lowest == highest
                    ? WanAmount.withUnit(lowest) : "\(WanAmount.wanText(lowest))-\(WanAmount.withUnit(highest))"
            ),
        ]
        for (index, category) in call.categories.enumerated() {
            let amount = category.amountYuan
            values += [
                ("类别\(index + 1)名称", category.label), ("类别\(index + 1)数量", range(category.funded)),
                (
                    "类别\(index + 1)金额",
                    amount.min == amount.max
                        ? WanAmount.withUnit(amount.min)
                        : "\(WanAmount.wanText(amount.min))-\(WanAmount.withUnit(amount.max))"
                ),
            ]
        }
        values += [
            ("申报单位列表", numbered(call.applicantKinds.offered().map(\.label))),
            ("推荐单位列表", numbered(call.recommenderKinds.map(\.label))),
            ("优先考虑列表", numbered(call.priorityConditions.offered().map(\.label))),
            ("公示工作日", "\(call.noticeWorkingDays)"),
            ("纸质份数", chineseNumeral(call.submission.paperCopies)),
            ("非涉密证明份数", "\(call.submission.nonConfidentialityCopies)"),
            ("材料要求", call.submission.paperFormat), ("电子版内容", call.submission.electronicContents),
            ("文件夹命名", call.submission.packageNaming), ("材料邮箱", call.submission.email),
            ("联系部门", call.contact.department), ("联系人", call.contact.person),
            ("联系地址", call.contact.address), ("联系电话", call.contact.phone),
            ("联系邮箱", call.contact.email),
        ]
        return values
    }

    /// `text` with every placeholder replaced by its value (an unknown one is left as typed;
    /// the editor refuses it, see `problems`).
    public static func filled(
        _ text: String, call: CallDefinition, deadline: String, recommendationDeadline: String = ""
    )
        -> String
    {
        let values = Dictionary(
            placeholders(for: call, deadline: deadline, recommendationDeadline: recommendationDeadline),
            uniquingKeysWith: { first, _ in first })
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result += values[name] ?? "{{\(after[..<close.lowerBound])}}"
            rest = after[close.upperBound...]
        }
        return result + rest
    }

    /// The guide as blocks, placeholders filled.
    public static func render(
        _ text: String, call: CallDefinition, deadline: String, recommendationDeadline: String = ""
    )
        -> [Block]
    {
        filled(text, call: call, deadline: deadline, recommendationDeadline: recommendationDeadline).split(
            whereSeparator: \.isNewline
        ).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            for (prefix, kind) in [("### ", Block.Kind.heading3), ("## ", .heading2), ("# ", .heading1), ("- ", .item)]
            where line.hasPrefix(prefix) {
                return Block(kind: kind, spans: spans(String(line.dropFirst(prefix.count))))
            }
            return Block(kind: .paragraph, spans: spans(line))
        }
    }

    /// The names between `{{` and `}}` that are no placeholder, as the editor's problems.
    public static func problems(_ text: String, call: CallDefinition) -> [Problem] {
        let known = Set(placeholders(for: call, deadline: "").map(\.name))
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !known.contains(name), !unknown.contains(name) { unknown.append(String(name.prefix(20))) }
            rest = rest[close.upperBound...]
        }
        guard !unknown.isEmpty else { return [] }
        let shown = unknown.prefix(5).map { "{{\($0)}}" }.joined(separator: "、")
        let available = placeholders(for: call, deadline: "").map { "{{\($0.name)}}" }.joined(separator: "、")
        return [
            Problem(
                field: "guideText", code: .unknownField,
                message: "申报指南正文中的占位符\(shown)无法识别；可用的占位符：\(available)")
        ]
    }

    /// `**bold**` spans; an unpaired `**` is kept as typed.
    static func spans(_ line: String) -> [Span] {
        let parts = line.components(separatedBy: "**")
        guard parts.count >= 3 else { return [Span(text: line, bold: false)] }
        var spans: [Span] = []
        for (index, part) in parts.enumerated() where !part.isEmpty {
            // An even count of parts means the last `**` has no partner: its text stays plain.
            let unpaired = parts.count % 2 == 0 && index == parts.count - 1
            spans.append(Span(text: unpaired ? "**" + part : part, bold: index % 2 == 1 && !unpaired))
        }
        return spans
    }

    /// 一 to 二十 as the guide writes copies (一式六份); larger numbers in digits.
    static func chineseNumeral(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        switch value {
        case 0...10: return digits[value]
        case 11...19: return "十" + digits[value - 10]
        case 20: return "二十"
        default: return "\(value)"
        }
    }
}
