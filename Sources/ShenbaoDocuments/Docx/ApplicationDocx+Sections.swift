import ShenbaoCore

/// Sections 一 to 四 of the form, each a bordered table whose first row is the section's heading,
/// as the guide's forms have them.
extension ApplicationDocx {
    /// The heading row of a section's table: 黑体 四号 across the whole table.
    static func heading(_ title: String, span: Int) -> DocxCell {
        DocxCell(
            [WordML.paragraph(title, .plain, WordML.ParagraphStyle(styleID: "Heading1"))], span: span,
            verticallyCentered: false)
    }

    /// A value cell of one text, which may run over several lines.
    static func value(_ text: String, span: Int = 1) -> DocxCell {
        DocxCell(text, span: span)
    }

    /// A value cell kept on one line.
    static func unbroken(_ text: String) -> DocxCell {
        var cell = DocxCell(text)
        cell.noWrap = true
        return cell
    }

    /// Paragraphs of a long text in a cell: its own line breaks kept, nothing when it is empty.
    static func textParagraphs(_ text: String) -> [String] {
        text.isEmpty ? [] : [WordML.paragraph(text)]
    }

    // MARK: - 一、申报单位基本情况

    /// Four columns: label, value, label, value. The last is wide enough for the 18 characters
    /// of the 统一社会信用代码 in Times New Roman 小四 (about 2,450 twips of the widest letters)
    /// with the cell's margins, so the code never wraps.
    static let sectionOneGrid = [1800, 1935, 2200, 3135]

    static func sectionOne(_ document: ApplicationDocument) -> String {
        let organization = document.organization
        let form = document.form
        let bank = organization.bankAccount
        var table = DocxTable(grid: sectionOneGrid)
        table.add(heading("一、申报单位基本情况", span: 4))
        table.add(.label("单位名称"), value(text(organization.name), span: 3))
        table.add(.label("法人代表"), value(text(organization.legalRepresentative), span: 3))
        // 地    址: two characters spread to the width of four, as the form spaces them.
        let address = [
            WordML.run("地", WordML.RunStyle(characterSpacing: 2 * DocxPart.bodySize * 10)), WordML.run("址"),
        ]
        table.add(DocxCell([WordML.paragraph(address, .centered)]), value(text(organization.address), span: 3))
        table.add(
            .label("邮政编码"), value(text(organization.postalCode)), .label("联系电话"), value(text(organization.phone)))
        table.add(
            .label("单位性质"), value(natureLabel(organization.nature)), .label("统一社会信用代码"),
            unbroken(text(organization.uscc)))
        table.add(
            DocxCell([WordML.paragraph("银行账户信息", .plain, .centered)], verticalMerge: .start),
            value("开户名：" + text(bank?.accountName), span: 3))
        table.add(DocxCell([], verticalMerge: .continue), value("开户银行：" + text(bank?.bankName), span: 3))
        table.add(DocxCell([], verticalMerge: .continue), value("账号：" + text(bank?.accountNumber), span: 3))
        table.add(.label("项目负责人"), value(text(form.leader)), .label("职务/职称"), value(text(form.leaderTitle)))
        table.add(.label("联系电话"), value(text(form.leaderPhone), span: 3))
        table.add(.label("国际或区域科技合作交流基础（或成功案例）"), value(text(form.cooperationBasis), span: 3))
        return table.xml
    }

    /// 单位性质 in words: 企业, 事业单位, 社团, 其他; a code the system does not know, as stored.
    static func natureLabel(_ code: String?) -> String {
        let code = text(code)
        return OrganizationNature(rawValue: code)?.label ?? code
    }

    // MARK: - 二、申报项目基本情况

    /// Six columns, so rows of two (label, value), three (时间阶段, 经费预算, 目标内容) and four
    /// (姓名, 国家或地区, 工作单位, 职务/职称) cells share one table. 时间阶段 spans the first three,
    /// wide enough for the longest period on one line (2025年12月31日—2026年12月31日, with the
    /// space a program sets between Chinese and digits).
    static let sectionTwoGrid = [1900, 1500, 1020, 2200, 550, 1900]

    static func sectionTwo(_ document: ApplicationDocument) -> String {
        let form = document.form
        var table = DocxTable(grid: sectionTwoGrid)
        table.add(heading("二、申报项目基本情况", span: 6))

        let partners = (form.partners ?? []).map { named($0.name, in: $0.countryOrRegion) }.filter { !$0.isEmpty }
        table.add(.label("合作单位名称"), DocxCell(partners.map { WordML.paragraph($0) }, span: 5))
        // 合作内容 one option a line, wrapping under its text; 合作领域 as many to a line as fit.
        let contents = optionItems(document.cooperationOptions, form.cooperationContent)
        let underText = WordML.ParagraphStyle(indentLeft: bodyCharacter, hanging: bodyCharacter)
        table.add(.label("合作内容"), DocxCell(contents.map { WordML.paragraph($0.runs, underText) }, span: 5))
        let fieldLines = lines(
            optionItems(document.fieldOptions, form.fields),
            fitting: (sectionTwoGrid.dropFirst().reduce(0, +) - 216) / bodyCharacter)
        table.add(
            .label("合作领域"),
            DocxCell(
                fieldLines.map { line in
                    WordML.paragraph(Array(line.map(\.runs).joined(separator: [WordML.run("\u{3000}")])))
                }, span: 5))

        var texts: [String] = []
        for (label, content) in [
            ("项目主要内容：", form.mainContent), ("预期目标：", form.expectedGoals), ("亮点与创新点：", form.highlights),
        ] {
            let content = text(content)
            texts.append(WordML.paragraph(label, .bold))
            // Room to write in by hand when the text is still empty, as the blank form leaves.
            texts += content.isEmpty ? [spacer, spacer] : textParagraphs(content)
        }
        table.add(DocxCell(texts, span: 6, verticallyCentered: false))

        table.add(.label("时间阶段", span: 3), .label("经费预算（万元）"), .label("目标内容", span: 2))
        let phases = form.phases ?? []
        for phase in phases {
            table.add(
                .label(period(phase.period, separator: "—"), span: 3),
                .label(phase.budgetYuan.map(WanAmount.wanText) ?? ""),
                value(text(phase.goal), span: 2))
        }
        if phases.isEmpty {
            table.add(.label("", span: 3), .label(""), value("", span: 2))
        }
        table.add(.label("合计", span: 3), .label(form.requestedYuan.map(WanAmount.wanText) ?? ""), value("", span: 2))

        switch document.category {
        case .conference:
            people(
                into: &table, title: "参会专家名单", columns: ["姓名", "国家或地区", "工作单位", "职务/职称"],
                rows: (form.invitedExperts ?? []).map {
                    [text($0.name), countryName($0.countryOrRegion), text($0.affiliation), text($0.title)]
                })
        case .cooperation:
            let members = form.delegationMembers ?? []
            if !members.isEmpty {
                people(
                    into: &table, title: "科技团体成员名单", columns: ["姓名", "研究领域", "工作单位", "职务/职称"],
                    rows: members.map { [text($0.name), text($0.field), text($0.affiliation), text($0.title)] })
            }
        }
        return table.xml
    }

    /// One character of body text, in twips.
    static let bodyCharacter = DocxPart.bodySize * 10

    /// An option as it prints, and its width in characters.
    struct OptionItem {
        var runs: [String]
        var width: Int
    }

    /// The options of a 合作内容 or 合作领域 cell, in the call's order: ☑ before each ticked one and
    /// ☐ before the others, the text of 其他 after it.
    static func optionItems(_ options: [Option], _ choices: Choices?) -> [OptionItem] {
        let ticked = Set(choices?.codes ?? [])
        let other = text(choices?.other)
        return options.map { option in
            var label = option.label
            if isOther(option), !other.isEmpty { label += "：\(other)" }
            let box = ticked.contains(option.code) ? "☑" : "☐"
            return OptionItem(
                runs: [WordML.run(box, WordML.RunStyle(font: .symbol)), WordML.run(label)], width: 1 + label.count)
        }
    }

    /// Options to lines of at most `width` characters with a space between, so no option breaks
    /// inside unless it alone is longer than a line.
    static func lines(_ items: [OptionItem], fitting width: Int) -> [[OptionItem]] {
        var lines: [[OptionItem]] = []
        var line: [OptionItem] = []
        var used = 0
        for item in items {
            if !line.isEmpty, used + 1 + item.width > width {
                lines.append(line)
                line = []
                used = 0
            }
            used += (line.isEmpty ? 0 : 1) + item.width
            line.append(item)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The 其他 option, the last of each list in the call.
    static func isOther(_ option: Option) -> Bool {
        option.code == "other" || option.label == "其他"
    }

    /// A list of people under a title row: header, then one row each (one empty row for none).
    static func people(into table: inout DocxTable, title: String, columns: [String], rows: [[String]]) {
        table.add(.label(title, span: 6))
        table.add(.label(columns[0]), .label(columns[1]), .label(columns[2], span: 3), .label(columns[3]))
        for row in rows.isEmpty ? [["", "", "", ""]] : rows {
            table.add(.label(row[0]), .label(row[1]), value(row[2], span: 3), .label(row[3]))
        }
    }

    // MARK: - 三、申报单位承诺

    /// Where the seal and signature lines start, and the right tab their date is set against.
    static let signatureIndent = 4200
    static let dateTab = 8600

    static func sectionThree() -> String {
        var table = DocxTable(grid: [WordML.Page.textWidth])
        table.add(heading("三、申报单位承诺", span: 1))
        let paragraphs = [
            WordML.paragraph(FormTexts.commitment, .plain, WordML.ParagraphStyle(indentFirstLine: true)),
            spacer,
            WordML.paragraph("（单位盖章）", .plain, WordML.ParagraphStyle(indentLeft: signatureIndent)),
            signatureLine("法定代表人签字："),
        ]
        table.add(DocxCell(paragraphs, verticallyCentered: false))
        return table.xml
    }

    /// `负责人签字：        年  月  日`: the form's blank line, the date against the right edge.
    static func signatureLine(_ label: String) -> String {
        WordML.paragraph(
            [WordML.run(label + "\t年  月  日")],
            WordML.ParagraphStyle(rightTabs: [dateTab], spacingAfter: 120, indentLeft: signatureIndent))
    }

    // MARK: - 四、审查意见

    /// The form's three boxes, for handwriting and seals: 申报单位意见 blank; 推荐单位意见 with
    /// each recommender's final opinion; 省科协审定意见 with the published decision. Every seal,
    /// signature and date line is left blank, as printed on the form.
    static func sectionFour(_ document: ApplicationDocument) -> String {
        var table = DocxTable(grid: [WordML.Page.textWidth])
        table.add(heading("四、审查意见", span: 1))
        table.add(DocxCell([WordML.paragraph("申报单位意见：")] + room + sealAndSignature(), verticallyCentered: false))

        var recommenders = [WordML.paragraph("推荐单位意见：")]
        if document.recommenderOpinions.isEmpty { recommenders += room }
        for opinion in document.recommenderOpinions {
            recommenders += opinionText(opinion)
        }
        table.add(DocxCell(recommenders + sealAndSignature(), verticallyCentered: false))

        // The province's box, as the form has it: 签字 and the date, no seal.
        var province = [WordML.paragraph("省科协审定意见：")]
        let decision = text(document.provinceDecision)
        province +=
            decision.isEmpty ? room : [WordML.paragraph(decision, .plain, .init(indentFirstLine: true)), spacer]
        province.append(WordML.paragraph("签字：", .plain, WordML.ParagraphStyle(indentLeft: signatureIndent)))
        province.append(
            WordML.paragraph(
                [WordML.run("\t年  月  日")],
                WordML.ParagraphStyle(rightTabs: [dateTab], spacingAfter: 120, indentLeft: signatureIndent)))
        table.add(DocxCell(province, verticallyCentered: false))
        return table.xml
    }

    // MARK: - 补充信息

    /// The call's extra questions, on a page of their own after the official form (which ends
    /// with section 四, untouched): question and answer per row, an unanswered one left blank.
    static let supplementGrid = [2800, WordML.Page.textWidth - 2800]

    static func supplement(_ rows: [ApplicationDocument.Supplement]) -> String {
        var table = DocxTable(grid: supplementGrid)
        table.add(heading("补充信息", span: 2))
        for row in rows {
            table.add(.label(row.question), value(row.answer))
        }
        return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + table.xml
    }

    /// The blank space of a box with nothing typed in it, room to write by hand.
    static let room = [spacer, spacer, spacer]

    /// A recommender's name, its decision and comment as given online.
    static func opinionText(_ opinion: ApplicationDocument.Opinion) -> [String] {
        var paragraphs: [String] = []
        let organization = text(opinion.organization)
        if !organization.isEmpty { paragraphs.append(WordML.paragraph(organization, .bold)) }
        let decision = text(opinion.decision)
        if !decision.isEmpty { paragraphs.append(WordML.paragraph(decision, .plain, .init(indentFirstLine: true))) }
        let comment = text(opinion.comment)
        if !comment.isEmpty { paragraphs.append(WordML.paragraph(comment, .plain, .init(indentFirstLine: true))) }
        return paragraphs + [spacer]
    }

    /// `（单位盖章）` and `负责人签字：    年  月  日`, blank for the one who signs.
    static func sealAndSignature() -> [String] {
        [
            WordML.paragraph("（单位盖章）", .plain, WordML.ParagraphStyle(indentLeft: signatureIndent)),
            signatureLine("负责人签字："),
        ]
    }
}
