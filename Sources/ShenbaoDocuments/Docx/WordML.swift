/// The few WordprocessingML pieces the forms are made of — runs, paragraphs, bordered tables —
/// written as text in the element order the schema requires (Word refuses a file whose
/// properties are out of order, where LibreOffice would forgive it).
///
/// Sizes are in Word's units: twentieths of a point (twips) for lengths, half-points for fonts.
enum WordML {
    /// The fonts of the forms. Each names the font for Latin text and for Chinese text apart,
    /// as Word picks the font by script.
    enum Font: Hashable, Sendable {
        /// 宋体, the forms' body text (the document default: no `w:rFonts` needed).
        case body
        /// 黑体, the title and the section headings.
        case heading
        /// ☑ and ☐, which 宋体 lacks: a symbol font, the same for every script so Word does not
        /// guess the script of a character it classes as neither Latin nor Chinese.
        case symbol

        var properties: String {
            switch self {
            case .body: ""
            case .heading:
                "<w:rFonts w:ascii=\"SimHei\" w:hAnsi=\"SimHei\" w:eastAsia=\"SimHei\" w:cs=\"SimHei\"/>"
            case .symbol:
                "<w:rFonts w:ascii=\"Segoe UI Symbol\" w:hAnsi=\"Segoe UI Symbol\" w:eastAsia=\"Segoe UI Symbol\""
                    + " w:cs=\"Segoe UI Symbol\" w:hint=\"eastAsia\"/>"
            }
        }
    }

    /// How a run's characters look.
    struct RunStyle: Hashable, Sendable {
        var font: Font = .body
        var bold = false
        /// In half-points; nil keeps the paragraph's size.
        var size: Int?
        /// Extra space after each character, in twips, to stretch a short label to a longer one's width.
        var characterSpacing: Int?

        static let plain = RunStyle()
        static let bold = RunStyle(bold: true)

        var properties: String {
            var xml = font.properties
            if bold { xml += "<w:b/><w:bCs/>" }
            if let characterSpacing { xml += "<w:spacing w:val=\"\(characterSpacing)\"/>" }
            if let size { xml += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
            return xml.isEmpty ? "" : "<w:rPr>\(xml)</w:rPr>"
        }
    }

    /// `text` as runs of one style: each line break a `w:br`, each tab a `w:tab`, so a text typed
    /// on several lines prints on as many. Characters XML forbids are dropped; nothing for "".
    static func run(_ text: String, _ style: RunStyle = .plain) -> String {
        let text = XMLText.cleaned(text)
        guard !text.isEmpty else { return "" }
        var content = ""
        var piece = ""
        func flush() {
            guard !piece.isEmpty else { return }
            // preserve: leading, trailing and repeated spaces are the writer's, not layout noise.
            content += "<w:t xml:space=\"preserve\">\(XMLText.escaped(piece))</w:t>"
            piece = ""
        }
        for character in text {
            switch character {
            case "\n":
                flush()
                content += "<w:br/>"
            case "\t":
                flush()
                content += "<w:tab/>"
            default:
                piece.append(character)
            }
        }
        flush()
        return "<w:r>\(style.properties)\(content)</w:r>"
    }

    enum Alignment: String, Hashable, Sendable {
        case left, center, right, both
    }

    /// How a paragraph sits: style, alignment, indents and spacing.
    struct ParagraphStyle: Hashable, Sendable {
        var styleID: String?
        var alignment: Alignment?
        var keepNext = false
        /// Right-aligned tab stops, in twips from the left margin of the text.
        var rightTabs: [Int] = []
        var spacingBefore: Int?
        var spacingAfter: Int?
        var indentLeft: Int?
        var hanging: Int?
        /// First-line indent of the two characters of Chinese prose: Word reads it in characters,
        /// LibreOffice in twips (two characters of body text).
        var indentFirstLine = false
        /// The paragraph's font size in half-points, for its mark (and so the height of an empty one).
        var size: Int?

        static let plain = ParagraphStyle()
        static let centered = ParagraphStyle(alignment: .center)

        var properties: String {
            var xml = ""
            if let styleID { xml += "<w:pStyle w:val=\"\(styleID)\"/>" }
            if keepNext { xml += "<w:keepNext/>" }
            if !rightTabs.isEmpty {
                xml += "<w:tabs>" + rightTabs.map { "<w:tab w:val=\"right\" w:pos=\"\($0)\"/>" }.joined() + "</w:tabs>"
            }
            if spacingBefore != nil || spacingAfter != nil {
                xml += "<w:spacing"
                if let spacingBefore { xml += " w:before=\"\(spacingBefore)\"" }
                if let spacingAfter { xml += " w:after=\"\(spacingAfter)\"" }
                xml += "/>"
            }
            if indentLeft != nil || hanging != nil || indentFirstLine {
                xml += "<w:ind"
                if let indentLeft { xml += " w:left=\"\(indentLeft)\"" }
                if let hanging { xml += " w:hanging=\"\(hanging)\"" }
                if indentFirstLine { xml += " w:firstLine=\"\(2 * DocxPart.bodySize * 10)\" w:firstLineChars=\"200\"" }
                xml += "/>"
            }
            if let alignment { xml += "<w:jc w:val=\"\(alignment.rawValue)\"/>" }
            if let size { xml += "<w:rPr><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr>" }
            return xml
        }
    }

    /// A paragraph of the given runs (already XML); `sectionEnd` closes a section with it.
    static func paragraph(_ runs: [String], _ style: ParagraphStyle = .plain, sectionEnd: String? = nil) -> String {
        let properties = style.properties + (sectionEnd ?? "")
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs.joined() + "</w:p>"
    }

    /// A paragraph of one run of `text`.
    static func paragraph(_ text: String, _ run: RunStyle = .plain, _ style: ParagraphStyle = .plain) -> String {
        paragraph([self.run(text, run)], style)
    }

    /// A `w:sectPr`: A4 portrait with the forms' margins of about 2.5 cm.
    /// A section's properties; `header` is the relationship id of its header part, if it has one
    /// (a section without one repeats the previous section's header in Word).
    static func section(verticallyCentered: Bool = false, header: String? = nil) -> String {
        var xml = "<w:sectPr>"
        if let header { xml += "<w:headerReference w:type=\"default\" r:id=\"\(header)\"/>" }
        xml += "<w:pgSz w:w=\"\(Page.width)\" w:h=\"\(Page.height)\"/>"
        xml += "<w:pgMar w:top=\"\(Page.margin)\" w:right=\"\(Page.margin)\" w:bottom=\"\(Page.margin)\""
        xml += " w:left=\"\(Page.margin)\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
        xml += "<w:cols w:space=\"425\"/>"
        if verticallyCentered { xml += "<w:vAlign w:val=\"center\"/>" }
        xml += "<w:docGrid w:linePitch=\"312\"/>"
        xml += "</w:sectPr>"
        return xml
    }

    /// A4 in twips, and the margins.
    enum Page {
        static let width = 11906
        static let height = 16838
        /// 2.5 cm.
        static let margin = 1418
        static let textWidth = width - 2 * margin
    }
}

/// A table cell: its paragraphs (XML), how many grid columns it spans, and how it merges down.
struct DocxCell: Hashable, Sendable {
    enum VerticalMerge: Hashable, Sendable {
        /// The first cell of a vertical merge.
        case start
        /// A cell covered by the one above.
        case `continue`
    }

    var paragraphs: [String]
    var span = 1
    var verticalMerge: VerticalMerge?
    var verticallyCentered = true
    /// Kept on one line (a code that must never break, like the 统一社会信用代码).
    var noWrap = false

    init(_ paragraphs: [String], span: Int = 1, verticalMerge: VerticalMerge? = nil, verticallyCentered: Bool = true) {
        self.paragraphs = paragraphs
        self.span = span
        self.verticalMerge = verticalMerge
        self.verticallyCentered = verticallyCentered
    }

    /// A cell of one paragraph of `text`.
    init(
        _ text: String, span: Int = 1, run: WordML.RunStyle = .plain, paragraph: WordML.ParagraphStyle = .plain
    ) {
        self.init([WordML.paragraph(text, run, paragraph)], span: span)
    }

    /// A label of the form: centred in its cell.
    static func label(_ text: String, span: Int = 1) -> DocxCell {
        DocxCell(text, span: span, paragraph: .centered)
    }
}

/// A table with the forms' single 0.5 pt borders, on a fixed grid of columns (in twips).
///
/// Rows have no height: each grows with its text, so a long text wraps onto more lines and pages
/// instead of being cut.
struct DocxTable: Hashable, Sendable {
    var grid: [Int]
    var rows: [[DocxCell]] = []
    /// Each row kept whole on one page (signature and stamp rows: never half a box per page).
    var rowsKeptWhole = false

    init(grid: [Int], rowsKeptWhole: Bool = false) {
        self.grid = grid
        self.rowsKeptWhole = rowsKeptWhole
    }

    mutating func add(_ cells: DocxCell...) {
        rows.append(cells)
    }

    var xml: String {
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        var xml = "<w:tbl><w:tblPr>"
        xml += "<w:tblW w:w=\"\(grid.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        xml += "<w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml += "<w:\(side) \(border)/>"
        }
        xml += "</w:tblBorders>"
        xml += "<w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblLook w:val=\"0000\"/>"
        xml += "</w:tblPr><w:tblGrid>"
        xml += grid.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        xml += "</w:tblGrid>"
        for row in rows {
            xml += rowsKeptWhole ? "<w:tr><w:trPr><w:cantSplit/></w:trPr>" : "<w:tr>"
            var column = 0
            for cell in row {
                let span = max(1, min(cell.span, grid.count - column))
                let width = grid[min(column, grid.count - 1)..<min(column + span, grid.count)].reduce(0, +)
                column += span
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if span > 1 { xml += "<w:gridSpan w:val=\"\(span)\"/>" }
                switch cell.verticalMerge {
                case .start: xml += "<w:vMerge w:val=\"restart\"/>"
                case .continue: xml += "<w:vMerge/>"
                case nil: break
                }
                if cell.noWrap { xml += "<w:noWrap/>" }
                if cell.verticallyCentered { xml += "<w:vAlign w:val=\"center\"/>" }
                xml += "</w:tcPr>"
                // A cell needs a paragraph, even an empty one.
                xml += cell.paragraphs.isEmpty ? "<w:p/>" : cell.paragraphs.joined()
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        return xml
    }
}
