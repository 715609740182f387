import Foundation
import ShenbaoCore
import Testing

@testable import ShenbaoDocuments

/// Every part a WordprocessingML package of the form has.
private let requiredParts = [
    "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
    "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/_rels/document.xml.rels",
]

private func read(_ document: ApplicationDocument) throws -> DocxReading {
    try DocxReading(ApplicationDocx.data(document))
}

@Suite("application form as Word (.docx)")
struct ApplicationDocxTests {
    @Test("every part is there and is well-formed XML", arguments: [Category.conference, .cooperation])
    func requiredPartsParse(category: Category) throws {
        // setup
        let document =
            try category == .conference
            ? ApplicationDocumentFixtures.conference() : ApplicationDocumentFixtures.cooperation()
        // MUT
        let file = try read(document).package
        // validate: a numbered application has the cover's header and the form's empty one
        let parts = requiredParts + (document.number == nil ? [] : ["word/header1.xml", "word/header2.xml"])
        #expect(Set(file.parts.keys) == Set(parts))
        for path in parts {
            #expect(throws: Never.self, "\(path) is not well-formed") { try file.xml(path) }
        }
    }

    @Test("the content types and relationships name every part that exists")
    func relationshipsPointToParts() throws {
        let file = try read(ApplicationDocumentFixtures.conference()).package
        let overrides = try file.xml("[Content_Types].xml").descendants("Override").compactMap {
            $0.attributes["PartName"]
        }
        #expect(
            Set(overrides.map { String($0.dropFirst()) })
                == Set(
                    requiredParts.filter { !$0.hasSuffix(".rels") && $0 != "[Content_Types].xml" }
                        + ["word/header1.xml", "word/header2.xml"]))
        let documentTargets = try file.xml("word/_rels/document.xml.rels").descendants("Relationship").compactMap {
            $0.attributes["Target"]
        }
        #expect(Set(documentTargets) == ["styles.xml", "settings.xml", "fontTable.xml", "header1.xml", "header2.xml"])
        let packageTargets = try file.xml("_rels/.rels").descendants("Relationship").compactMap {
            $0.attributes["Target"]
        }
        #expect(Set(packageTargets) == ["word/document.xml", "docProps/core.xml", "docProps/app.xml"])
        #expect(try file.xml("docProps/core.xml").first("dc:title")?.text == "湖南省科协国际科技交流会议项目申报书")
    }

    @Test("the same document always gives the same bytes")
    func deterministic() throws {
        let document = try ApplicationDocumentFixtures.conference()
        #expect(try ApplicationDocx.data(document) == ApplicationDocx.data(document))
    }

    @Test("A4 portrait, margins of 2.5 cm; the cover is a section of its own")
    func pageSetup() throws {
        let reading = try read(ApplicationDocumentFixtures.conference())
        let sections = reading.document.descendants("w:sectPr")
        #expect(sections.count == 2)
        for section in sections {
            let size = try #require(section.first("w:pgSz"))
            #expect(size.attributes["w:w"] == "11906" && size.attributes["w:h"] == "16838")
            #expect(size.attributes["w:orient"] == nil)
            let margins = try #require(section.first("w:pgMar"))
            for side in ["w:top", "w:right", "w:bottom", "w:left"] {
                #expect(margins.attributes[side] == "1418", "\(side)")
            }
        }
        // The cover's section ends with its date paragraph, before the first table.
        let body = try #require(reading.document.first("w:body"))
        let coverEnd = try #require(body.children.firstIndex { $0.first("w:sectPr") != nil })
        let firstTable = try #require(body.children.firstIndex { $0.name == "w:tbl" })
        #expect(coverEnd + 1 == firstTable)
        #expect(DocxReading.text(of: body.children[coverEnd]) == "2025年2月")
    }

    @Test("宋体 with Times New Roman for Latin text, and CJK fonts a Linux LibreOffice has")
    func fonts() throws {
        let file = try read(ApplicationDocumentFixtures.conference()).package
        let defaults = try #require(try file.xml("word/styles.xml").first("w:docDefaults")?.first("w:rFonts"))
        #expect(defaults.attributes["w:eastAsia"] == "SimSun")
        #expect(defaults.attributes["w:ascii"] == "Times New Roman")
        let fonts = try file.xml("word/fontTable.xml").descendants("w:font").compactMap { $0.attributes["w:name"] }
        for name in ["SimSun", "SimHei", "Noto Serif CJK SC", "Noto Sans CJK SC"] {
            #expect(fonts.contains(name), "\(name)")
        }
        let title = try #require(
            try file.xml("word/styles.xml").descendants("w:style").first { $0.attributes["w:styleId"] == "Title" })
        #expect(title.first("w:rFonts")?.attributes["w:eastAsia"] == "SimHei")
        #expect(title.first("w:b") != nil)
    }

    @Test("the 统一社会信用代码 is kept on one line, in a cell wide enough for 18 of Times New Roman's widest letters")
    func usccNeverWraps() throws {
        let reading = try read(ApplicationDocumentFixtures.conference())
        let uscc = try #require(ApplicationDocumentFixtures.organization.uscc)
        let cell = try #require(
            reading.document.descendants("w:tc").first { $0.first("w:p").map(DocxReading.text(of:)) == uscc })
        #expect(cell.first("w:noWrap") != nil)
        let width = try #require(Int(cell.first("w:tcW")?.attributes["w:w"] ?? ""))
        // 小四 is 12 pt. A code has at most 11 letters (Times New Roman's capitals A…Y are 0.722 em,
        // 8.7 pt) and 7 digits (0.5 em, 6 pt): 137 pt, 2,746 twips, inside the cell's 108-twip margins.
        #expect(width - 216 >= 2_746, "a cell of \(width) twips")
    }

    @Test("tables have the form's single 0.5 pt borders and rows that grow with their text")
    func tableBorders() throws {
        let reading = try read(ApplicationDocumentFixtures.conference())
        let tables = reading.document.descendants("w:tbl")
        #expect(tables.count == 4)
        for table in tables {
            let borders = try #require(table.first("w:tblBorders"))
            #expect(
                borders.children.map(\.name) == ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"])
            for border in borders.children {
                #expect(border.attributes["w:val"] == "single" && border.attributes["w:sz"] == "4")
            }
            // The cells of a row span the whole grid.
            let columns = table.descendants("w:gridCol").count
            for row in table.children where row.name == "w:tr" {
                let spans = row.children.filter { $0.name == "w:tc" }.map {
                    Int($0.first("w:gridSpan")?.attributes["w:val"] ?? "1") ?? 1
                }
                #expect(spans.reduce(0, +) == columns)
            }
        }
        #expect(reading.document.descendants("w:trHeight").isEmpty)
    }

    @Test("the cover is the form's: its four lines, 湖南省科学技术协会制 and the forms' edition, nothing else")
    func cover() throws {
        let reading = try read(ApplicationDocumentFixtures.conference())
        #expect(
            Array(reading.paragraphs.prefix(7)) == [
                "湖南省科协国际科技交流会议项目\n申报书", "申报单位：湖南大学", "项目期限：2025年6月1日至2025年12月31日", "联系人：王五",
                "联系电话：13812345678", "湖南省科学技术协会制", "2025年2月",
            ])
        #expect(reading.paragraphs[7] == "一、申报单位基本情况")
        let cooperation = try read(ApplicationDocumentFixtures.cooperation()).paragraphs
        #expect(cooperation.first == "湖南省科协国际与区域合作项目\n申报书")
        #expect(!cooperation.contains { $0.hasPrefix("项目名称") })
    }

    @Test("the number is in the cover's header only; without one there is no header at all")
    func numberInCoverHeader() throws {
        let numbered = try read(ApplicationDocumentFixtures.conference()).package
        #expect(numbered.text("word/header1.xml").contains("申报编号：2025-HY-0012"))
        #expect(!numbered.text("word/header2.xml").contains("2025-HY-0012"))
        let document = numbered.text("word/document.xml")
        let cover = try #require(document.range(of: "rIdHeader1"))
        let body = try #require(document.range(of: "rIdHeader2"))
        #expect(cover.lowerBound < body.lowerBound)
        #expect(numbered.text("word/_rels/document.xml.rels").contains("header2.xml"))
        #expect(numbered.text("[Content_Types].xml").contains("/word/header1.xml"))
        let plain = try read(ApplicationDocumentFixtures.cooperation()).package
        #expect(!plain.text("word/document.xml").contains("headerReference"))
    }

    @Test("section 一: the organisation, bank account and leader in the form's table")
    func sectionOne() throws {
        let table = try #require(try read(ApplicationDocumentFixtures.conference()).table(containing: "单位名称"))
        #expect(
            table == [
                ["一、申报单位基本情况"],
                ["单位名称", "湖南大学"],
                ["法人代表", "段献忠"],
                ["地址", "湖南省长沙市岳麓区麓山南路2号"],
                ["邮政编码", "410082", "联系电话", "0731-88821234"],
                ["单位性质", "事业单位", "统一社会信用代码", "12430000444885245Q"],
                ["银行账户信息", "开户名：湖南大学"],
                ["", "开户银行：中国工商银行长沙岳麓山支行"],
                ["", "账号：1901008709024900123"],
                ["项目负责人", "李明", "职务/职称", "教授"],
                ["联系电话", "0731-88886666"],
                ["国际或区域科技合作交流基础（或成功案例）", "与南非开普敦大学合作十年，联合培养博士12名。\n设有国际合作办公室，专职人员3名。"],
            ])
    }

    @Test(
        "单位性质 in words",
        arguments: [
            ("enterprise", "企业"), ("institution", "事业单位"), ("society", "社团"), ("other", "其他"), ("未知", "未知"),
        ])
    func nature(code: String, label: String) {
        #expect(ApplicationDocx.natureLabel(code) == label)
    }

    @Test("section 二: partners with their country, ☑ before chosen options and ☐ before the others")
    func sectionTwoOptions() throws {
        let table = try #require(try read(ApplicationDocumentFixtures.conference()).table(containing: "合作单位名称"))
        #expect(table[1] == ["合作单位名称", "开普敦大学（南非）\n开罗大学（埃及）\n香港理工大学（中国香港）"])
        #expect(
            table[2] == [
                "合作内容", "☑主办、承办国际或区域性科技交流与合作研讨会、报告会、交流会\n☐举办具有一定规模和影响力的学术论坛等高端国际科技交流活动\n☑其他：联合发布研究报告",
            ])
        #expect(table[3][0] == "合作领域")
        #expect(
            table[3][1].replacingOccurrences(of: "\n", with: "\u{3000}")
                == "☐先进制造　☐现代农业　☐现代石化轻工纺织　☑新能源　☑新材料　☐生物医药　☐信息技术　☐人工智能　☐机器人　☐生命工程　☐其他")
    }

    @Test("section 二: the texts keep their line breaks; phases in 万元 with their total")
    func sectionTwoPhases() throws {
        let reading = try read(ApplicationDocumentFixtures.conference())
        let table = try #require(reading.table(containing: "合作单位名称"))
        #expect(
            table[4] == [
                "项目主要内容：\n举办为期两天的国际研讨会，设主论坛与三个分论坛。\n邀请来自南非、埃及、肯尼亚等国的专家20名。\n预期目标：\n形成合作备忘录两份。\n亮点与创新点：\n首次在湘举办该主题会议。"
            ])
        #expect(
            Array(table[5...8]) == [
                ["时间阶段", "经费预算（万元）", "目标内容"],
                ["2025年6月1日—2025年9月30日", "5", "筹备会议，发出邀请"],
                ["2025年10月1日—2025年12月31日", "7.5", "举办会议，形成成果"],
                ["合计", "12.5", ""],
            ])
        let breaks = reading.package.text("word/document.xml").components(separatedBy: "<w:br/>").count - 1
        #expect(breaks >= 3)
    }

    @Test("conference: the invited experts; cooperation: the delegation")
    func people() throws {
        let conference = try #require(try read(ApplicationDocumentFixtures.conference()).table(containing: "合作单位名称"))
        #expect(
            Array(conference.suffix(5)) == [
                ["参会专家名单"],
                ["姓名", "国家或地区", "工作单位", "职务/职称"],
                ["Anna Schmidt", "德国", "Fraunhofer IPA", "教授"],
                ["John Smith", "美国", "MIT", "教授"],
                ["陈大文", "中国香港", "香港大学", "教授"],
            ])
        let cooperation = try #require(
            try read(ApplicationDocumentFixtures.cooperation()).table(containing: "合作单位名称"))
        #expect(
            Array(cooperation.suffix(5)) == [
                ["科技团体成员名单"],
                ["姓名", "研究领域", "工作单位", "职务/职称"],
                ["刘一", "新材料", "湖南大学", "教授"],
                ["陈二", "新材料", "中南大学", "副教授"],
                ["赵三", "新材料", "湘潭大学", "研究员"],
            ])
        #expect(!cooperation.contains(["参会专家名单"]))
        #expect(cooperation[cooperation.count - 6] == ["合计", "15", ""])
    }

    @Test("sections 三 and 四: the recommenders' opinions and the decision, every seal and signature line blank")
    func commitmentAndOpinions() throws {
        let reading = try read(ApplicationDocumentFixtures.conference())
        let commitment = try #require(reading.table(containing: "三、申报单位承诺"))
        #expect(commitment == [["三、申报单位承诺"], [FormTexts.commitment + "\n\n（单位盖章）\n法定代表人签字：\t年  月  日"]])
        let review = try #require(reading.table(containing: "四、审查意见"))
        #expect(review.count == 4)
        #expect(review[1] == ["申报单位意见：\n\n\n\n（单位盖章）\n负责人签字：\t年  月  日"])
        #expect(
            review[2] == [
                "推荐单位意见：\n岳麓区科学技术协会\n推荐\n材料齐全，情况属实。\n\n"
                    + "长沙市科学技术协会\n推荐\n经初审，符合申报条件，同意推荐。\n\n（单位盖章）\n负责人签字：\t年  月  日"
            ])
        #expect(review[3] == ["省科协审定意见：\n立项，资助金额20万元。\n\n签字：\n\t年  月  日"])
    }

    @Test("without opinions the boxes are blank, as the printed form")
    func blankOpinions() throws {
        let review = try #require(try read(ApplicationDocumentFixtures.cooperation()).table(containing: "四、审查意见"))
        #expect(
            review.dropFirst().map { $0 } == [
                ["申报单位意见：\n\n\n\n（单位盖章）\n负责人签字：\t年  月  日"],
                ["推荐单位意见：\n\n\n\n（单位盖章）\n负责人签字：\t年  月  日"],
                ["省科协审定意见：\n\n\n\n签字：\n\t年  月  日"],
            ])
    }

    @Test("an empty draft still gives the whole blank form")
    func emptyDraft() throws {
        let definition = try ApplicationDocumentFixtures.definition(.cooperation)
        let document = ApplicationDocument(
            category: .cooperation, organization: OrganizationForm(), form: ApplicationForm(),
            cooperationOptions: definition.cooperationContent, fieldOptions: definition.fields, edition: "2025年2月")
        let reading = try read(document)
        #expect(reading.paragraphs.contains("申报单位："))
        #expect(reading.paragraphs.contains("项目期限："))
        let table = try #require(reading.table(containing: "时间阶段"))
        #expect(table.contains(["合计", "", ""]))
        #expect(!reading.text.contains("☑"))
        #expect(reading.text.components(separatedBy: "☐").count - 1 == 18)
    }

    @Test("markup, quotes, line breaks and emoji come back as typed; characters XML forbids are dropped")
    func awkwardTexts() throws {
        // MUT
        let data = try ApplicationDocx.data(ApplicationDocumentFixtures.awkward())
        // validate
        let reading = try DocxReading(data)
        for path in requiredParts {
            #expect(throws: Never.self, "\(path) is not well-formed") { try reading.package.xml(path) }
        }
        let name = "湖南\"引号\"<某某>&'研究院' 🚀"
        #expect(reading.paragraphs.contains("申报单位：\(name)"))
        #expect(reading.table(containing: "单位名称")?[1] == ["单位名称", name])
        #expect(reading.table(containing: "单位名称")?[3] == ["地址", "<script>alert('x')</script>"])
        let project = "项目 ]]> &amp; <![CDATA[x]]>\n第二行\n第三行\n第四行\t制表 👩‍🔬"
        #expect(reading.text.contains("项目主要内容：\n\(project)"))
        #expect(reading.text.contains("Université \"Paris\" & Co <Lab>（法国）"))
        #expect(reading.text.contains("☑其他：<其他>&\"内容\""))
        #expect(reading.text.contains("A&B科协\n同意<推荐>\n意见\n第二行 😀"))
        let xml = reading.package.text("word/document.xml")
        #expect(!xml.contains("\u{0}") && !xml.contains("\u{B}") && !xml.contains("\u{FFFE}") && !xml.contains("\r"))
    }

    @Test("options to lines: as many as fit, none broken unless alone longer than a line")
    func optionLines() {
        let items = [3, 4, 10, 2, 30, 1].map { ApplicationDocx.OptionItem(runs: [], width: $0) }
        #expect(ApplicationDocx.lines(items, fitting: 12).map { $0.map(\.width) } == [[3, 4], [10], [2], [30], [1]])
        #expect(ApplicationDocx.lines([], fitting: 12).isEmpty)
    }
}
