import Foundation
import ShenbaoCore
import Testing

@testable import ShenbaoDocuments

/// What python-docx reads back from a document: the title, every paragraph's text in document
/// order (cells' paragraphs included), each table's cells, the sections' page setup, as JSON.
private struct PythonDocxReading: Decodable {
    struct Section: Decodable {
        var width: Int
        var height: Int
        var orientation: Int
        var margins: [Int]
    }

    var title: String?
    var lines: [String]
    var tables: [[[String]]]
    var sections: [Section]
    /// Each section's header text.
    var headers: [String]
    var warnings: [String]

    var text: String { lines.joined(separator: "\n") }

    func table(containing label: String) -> [[String]]? {
        tables.first { $0.contains { $0.first == label } }
    }
}

/// Walks the body as Word lays it out: paragraphs, and tables cell by cell (each `w:tc` once,
/// however many grid columns it spans). Any warning python-docx gives is returned, and must be none.
private let readerScript = #"""
    import json, sys, warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import docx
        from docx.table import _Cell
        from docx.text.paragraph import Paragraph
        document = docx.Document(sys.argv[1])
        lines, tables = [], []
        def walk(container):
            for item in container.iter_inner_content():
                if isinstance(item, Paragraph):
                    lines.append(item.text)
                    continue
                rows = []
                for row in item.rows:
                    cells = [_Cell(tc, item) for tc in row._tr.tc_lst]
                    rows.append(["\n".join(p.text for p in cell.paragraphs) for cell in cells])
                    for cell in cells:
                        walk(cell)
                tables.append(rows)
        walk(document)
        sections = [{
            "width": s.page_width, "height": s.page_height, "orientation": int(s.orientation),
            "margins": [s.top_margin, s.right_margin, s.bottom_margin, s.left_margin],
        } for s in document.sections]
        headers = ["\n".join(p.text for p in s.header.paragraphs) for s in document.sections]
    print(json.dumps({
        "title": document.core_properties.title, "lines": lines, "tables": tables, "sections": sections, "headers": headers,
        "warnings": [str(w.message) for w in caught],
    }))
    """#

private func readWithPythonDocx(_ data: Data) throws -> PythonDocxReading {
    try #require(ExternalTools.pythonDocxAvailable, "python-docx is required on CI: pip install python-docx")
    let directory = try ExternalTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("申报书.docx")
    try data.write(to: file)
    let result = try ExternalTools.run(["python3", "-c", readerScript, file.path])
    try #require(result.status == 0, "python-docx could not read the file: \(result.errors)")
    return try JSONDecoder().decode(PythonDocxReading.self, from: Data(result.output.utf8))
}

@Suite(
    "python-docx reads the application form",
    .enabled(
        if: ExternalTools.pythonDocxAvailable || ExternalTools.pythonDocxRequired,
        "python-docx is not installed (pip install python-docx); it is required when CI is set"))
struct PythonDocxTests {
    @Test("title, sections, every filled value and the options' boxes", arguments: [Category.conference, .cooperation])
    func filledForm(category: Category) throws {
        // setup
        let document =
            try category == .conference
            ? ApplicationDocumentFixtures.conference() : ApplicationDocumentFixtures.cooperation()
        let form = document.form
        // MUT
        let reading = try readWithPythonDocx(try ApplicationDocx.data(document))
        // validate
        #expect(reading.warnings == [])
        let title = FormTexts.formTitle(category)
        #expect(reading.title == title)
        #expect(reading.lines.first?.replacingOccurrences(of: "\n", with: "") == title)
        let text = reading.text
        for heading in ["一、申报单位基本情况", "二、申报项目基本情况", "三、申报单位承诺", "四、审查意见"] {
            #expect(reading.lines.contains(heading), "\(heading)")
        }
        let organization = document.organization
        for value in [
            organization.name, organization.uscc, organization.legalRepresentative, organization.address,
            organization.postalCode, organization.phone, organization.bankAccount?.accountName,
            organization.bankAccount?.bankName, organization.bankAccount?.accountNumber,
            form.contactName, form.contactPhone, form.leader, form.leaderTitle, form.leaderPhone, form.cooperationBasis,
            form.mainContent, form.expectedGoals, form.highlights, FormTexts.commitment,
        ] {
            let value = try #require(value)
            #expect(text.contains(value), "missing: \(value)")
        }
        #expect(reading.lines.contains("申报单位：\(organization.name ?? "")"))
        // The official cover: no 项目名称 line, the forms' edition under 湖南省科学技术协会制.
        #expect(!reading.lines.contains { $0.hasPrefix("项目名称") })
        let maker = try #require(reading.lines.firstIndex(of: "湖南省科学技术协会制"))
        #expect(reading.lines[maker + 1] == "2025年2月")
        #expect(text.contains(OrganizationNature(rawValue: organization.nature ?? "")?.label ?? "—"))
        for partner in form.partners ?? [] {
            let country = try #require(CountryOrRegion.name(of: partner.countryOrRegion ?? ""))
            #expect(text.contains("\(partner.name ?? "")（\(country)）"))
        }

        // The phases: period, 万元, goal, and the total.
        let phases = try #require(reading.table(containing: "时间阶段"))
        for phase in form.phases ?? [] {
            let period = "\(phase.period?.start?.chinese ?? "")—\(phase.period?.end?.chinese ?? "")"
            let amount = WanAmount.wanText(phase.budgetYuan ?? 0)
            #expect(phases.contains([period, amount, phase.goal ?? ""]), "\(period)")
        }
        #expect(phases.contains(["合计", WanAmount.wanText(form.requestedYuan ?? 0), ""]))

        // ☑ right before each chosen option, ☐ right before each other one, in each option's cell.
        let definition = try ApplicationDocumentFixtures.definition(category)
        let project = try #require(reading.table(containing: "合作内容"))
        for (label, options, choices) in [
            ("合作内容", definition.cooperationContent, form.cooperationContent), ("合作领域", definition.fields, form.fields),
        ] {
            let cell = try #require(project.first { $0.first == label }?.last)
            let chosen = Set(choices?.codes ?? [])
            for option in options {
                let (box, other) = chosen.contains(option.code) ? ("☑", "☐") : ("☐", "☑")
                #expect(cell.contains(box + option.label), "\(label): \(box)\(option.label)")
                #expect(!cell.contains(other + option.label), "\(label): \(other)\(option.label)")
            }
            if let other = choices?.other {
                #expect(cell.contains("☑其他：\(other)"))
            }
        }

        switch category {
        case .conference:
            for expert in form.invitedExperts ?? [] {
                let row = [
                    expert.name ?? "", CountryOrRegion.name(of: expert.countryOrRegion ?? "") ?? "",
                    expert.affiliation ?? "", expert.title ?? "",
                ]
                #expect(phases.contains(row), "\(row)")
            }
            #expect(text.contains("材料齐全，情况属实。"))
            #expect(text.contains("立项，资助金额20万元。"))
            #expect(reading.headers.first == "申报编号：2025-HY-0012")
            #expect(reading.headers.last == "")
        case .cooperation:
            for member in form.delegationMembers ?? [] {
                let row = [member.name ?? "", member.field ?? "", member.affiliation ?? "", member.title ?? ""]
                #expect(phases.contains(row), "\(row)")
            }
            #expect(reading.headers.allSatisfy { $0.isEmpty })
        }

        // A4 portrait, margins of 2.5 cm, in EMU (635 a twip).
        #expect(reading.sections.count == 2)
        for section in reading.sections {
            #expect(section.width == 11906 * 635 && section.height == 16838 * 635 && section.orientation == 0)
            #expect(section.margins == Array(repeating: 1418 * 635, count: 4))
        }
    }

    @Test("markup, quotes, line breaks and emoji read back as typed")
    func awkwardTexts() throws {
        let reading = try readWithPythonDocx(try ApplicationDocx.data(ApplicationDocumentFixtures.awkward()))
        #expect(reading.warnings == [])
        #expect(reading.lines.contains("申报单位：湖南\"引号\"<某某>&'研究院' 🚀"))
        #expect(reading.text.contains("Université \"Paris\" & Co <Lab>（法国）"))
        #expect(reading.text.contains("☑其他：<其他>&\"内容\""))
        #expect(reading.text.contains("<script>alert('x')</script>"))
    }
}

@Suite(
    "python-docx reads the public notice",
    .enabled(
        if: ExternalTools.pythonDocxAvailable || ExternalTools.pythonDocxRequired,
        "python-docx is not installed (pip install python-docx); it is required when CI is set"))
struct PublicListDocxTests {
    @Test("title, body, the list, then the issuer and the date on the right; A4 portrait")
    func officialNotice() throws {
        let content = PublicListDocx.Content(
            title: "2025年度国际与区域科技交流类项目申报指南拟资助项目公示名单",
            paragraphs: ["公示期：2025年9月26日至2025年10月9日（5个工作日，节假日不计）。", "联系人：李嘉玮，电话：0731-84884381。"],
            columns: ["序号", "申报单位", "项目名称", "项目类别", "资助金额（万元）"],
            rows: [["1", "湖南鸿斯科技有限公司", "2025中德智能制造国际研讨会", "会议项目", "10"], ["合计", "1项", "", "", "10"]],
            issuer: "湖南省科学技术协会", date: Day("2025-09-26")!)
        let reading = try readWithPythonDocx(try PublicListDocx.data(content))
        #expect(reading.title == content.title)
        #expect(reading.warnings.isEmpty)
        let lines = reading.lines.filter { !$0.isEmpty }
        #expect(lines.first == content.title)
        #expect(lines.contains("公示期：2025年9月26日至2025年10月9日（5个工作日，节假日不计）。"))
        #expect(lines.suffix(2) == ["湖南省科学技术协会", "2025年9月26日"])
        let table = try #require(reading.tables.first)
        #expect(table.first == content.columns)
        #expect(table.dropFirst().first == content.rows.first)
        let section = try #require(reading.sections.first)
        #expect(section.width == 11906 * 635 && section.height == 16838 * 635)
        #expect(section.orientation == 0)
    }
}
