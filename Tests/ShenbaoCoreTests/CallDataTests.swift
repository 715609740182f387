import Foundation
import Testing

@testable import ShenbaoCore

/// The seed guide as published, kept as a fixture so the data file is checked against the text.
private func seedGuide() throws -> String {
    let url = try #require(
        Bundle.module.url(forResource: "guide-2025", withExtension: "txt", subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The integers captured by `pattern`'s groups at its first match in `text`.
private func numbers(_ pattern: String, in text: String) throws -> [Int] {
    let regex = try Regex(pattern)
    let match = try #require(text.firstMatch(of: regex), "no match for \(pattern)")
    return try (1..<match.output.count).map { index in
        let captured = try #require(match.output[index].substring)
        return try #require(Int(captured))
    }
}

/// The text captured by `pattern`'s first group at its first match in `text`.
private func capture(_ pattern: String, in text: String) throws -> String {
    let regex = try Regex(pattern)
    let match = try #require(text.firstMatch(of: regex), "no match for \(pattern)")
    return String(try #require(match.output[1].substring))
}

/// Chinese numerals as the guide writes small counts (一式六份).
private let chineseNumerals: [String: Int] = [
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
]

@Suite("2025 call data")
struct CallDataTests {
    @Test func bundledCallDecodes() throws {
        let call = try CallDefinition.guide2025()
        #expect(call.year == 2025)
        #expect(call.title == "2025年度国际与区域科技交流类项目申报指南")
        #expect(call.phase == .open)
        // The guide sets no deadline: the province sets the dates.
        #expect(call.deadline == nil)
        #expect(call.categories.map(\.code) == [.conference, .cooperation])
    }

    @Test func quotasAndAmountsMatchTheGuide() throws {
        let call = try CallDefinition.guide2025()
        let seed = try seedGuide()

        let total = try numbers(#"支持项目(\d+)-(\d+)个"#, in: seed)
        #expect([call.totalFunded.min, call.totalFunded.max] == total)

        // 5-20万元/个, in yuan.
        let amount = try numbers(#"支持经费(\d+)-(\d+)万元"#, in: seed).map { $0 * 10_000 }
        for category in call.categories {
            #expect([category.amountYuan.min, category.amountYuan.max] == amount)
            // Each category's quota follows its own label in the guide: 国际科技交流会议项目（3-4项）.
            let quota = try numbers(
                NSRegularExpression.escapedPattern(for: category.label) + #"（(\d+)-(\d+)项）"#,
                in: seed)
            #expect([category.funded.min, category.funded.max] == quota, "\(category.label)")
        }
        #expect(call.category(.conference)?.funded == Bounds(min: 3, max: 4))
        #expect(call.category(.cooperation)?.funded == Bounds(min: 7, max: 8))
        #expect(call.category(.conference)?.amountYuan == Bounds(min: 50_000, max: 200_000))
    }

    @Test func noticeAndSubmissionMatchTheGuide() throws {
        let call = try CallDefinition.guide2025()
        let seed = try seedGuide()
        #expect(try numbers(#"为期(\d+)个工作日的公示"#, in: seed) == [call.noticeWorkingDays])
        #expect(
            try numbers(#"非涉密证明(\d+)份"#, in: seed) == [call.submission.nonConfidentialityCopies])
        let copies = try capture(#"一式(.)份"#, in: seed)
        #expect(chineseNumerals[copies] == call.submission.paperCopies)
        #expect(
            try capture(#"发送至([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+)"#, in: seed)
                == call.submission.email)
        #expect(try capture(#"以“([^”]+)”命名"#, in: seed) == call.submission.packageNaming)
    }

    @Test func paperAndElectronicFormatsMatchTheGuide() throws {
        let call = try CallDefinition.guide2025()
        let seed = try seedGuide()
        #expect(try capture(#"所有材料用(.+?)（一式"#, in: seed) == call.submission.paperFormat)
        #expect(try capture(#"份，(.+?)打包在一个文件夹内"#, in: seed) == call.submission.electronicContents)
    }

    /// What the applicant is told to send: every figure of the guide's 申报材料 2 and its contact.
    @Test func materialsInstructionsSayWhatToSend() throws {
        let call = try CallDefinition.guide2025()
        let folder = CallDefinition.folderName(organization: "湖南省测试学会", project: "中德交流")
        #expect(folder == "湖南省测试学会中德交流")
        #expect(
            call.materialsInstructions(folderName: folder) == [
                "纸质材料：所有材料用A4规格纸双面打印、装订成册、签字并加盖公章（一式六份），另附非涉密证明2份。",
                "电子材料：扫描电子版及word版本打包在一个文件夹内，以“申报单位名称+项目名称”命名（本申报书为“湖南省测试学会中德交流”），发送至 hnkxgjb@126.com。",
                "联系人：省科协国际与区域合作部 李嘉玮，电话 0731-84884381，地址：长沙市开福区东风路17号省科协420室。",
            ])
        #expect(CallDefinition.folderName(organization: "学会", project: "") == nil)
        #expect(CallDefinition.folderName(organization: "A/B学会", project: "项目:一") == "AB学会项目一")
    }

    /// Calls stored in databases before the paper and electronic formats were data still decode.
    @Test func aCallStoredWithoutTheNewFieldsDecodesWithTheGuidesWording() throws {
        let stored =
            #"{"paperCopies": 6, "nonConfidentialityCopies": 2, "email": "a@b.cn", "packageNaming": "申报单位名称+项目名称"}"#
        let submission = try JSONDecoder().decode(SubmissionRequirements.self, from: Data(stored.utf8))
        #expect(submission.paperFormat == "A4规格纸双面打印、装订成册、签字并加盖公章")
        #expect(submission.electronicContents == "扫描电子版及word版本")
        #expect(submission.email == "a@b.cn")
        let again = try JSONDecoder().decode(
            SubmissionRequirements.self, from: try JSONEncoder().encode(submission))
        #expect(again == submission)
    }

    @Test func contactMatchesTheGuide() throws {
        let contact = try CallDefinition.guide2025().contact
        let seed = try seedGuide()
        #expect(try capture(#"联系人：(\S+) "#, in: seed) == contact.department)
        #expect(try capture(#"联系人：\S+ (\S+)"#, in: seed) == contact.person)
        #expect(try capture(#"地\s*址：(\S+)"#, in: seed) == contact.address)
        #expect(try capture(#"电\s*话：(\S+)"#, in: seed) == contact.phone)
        #expect(seed.contains(contact.email))
    }

    /// Every option a form offers is worded exactly as in the guide, so a clerk recognises it.
    @Test func everyOptionLabelOccursInTheGuide() throws {
        let call = try CallDefinition.guide2025()
        let seed = try seedGuide()
        var lists: [(String, [String])] = [
            ("applicantKinds", call.applicantKinds.map(\.label)),
            ("recommenderKinds", call.recommenderKinds.map(\.label)),
            ("eligibilityConditions", call.eligibilityConditions.map(\.label)),
            ("priorityConditions", call.priorityConditions.map(\.label)),
        ]
        for category in call.categories {
            lists.append(("\(category.code).cooperationContent", category.cooperationContent.map(\.label)))
            lists.append(("\(category.code).fields", category.fields.map(\.label)))
            lists.append(("\(category.code).label", [category.label]))
        }
        for (list, labels) in lists {
            let missing = labels.filter { !seed.contains($0) }
            #expect(missing.isEmpty, "\(list): not in the guide: \(missing)")
        }
    }

    @Test func listsHaveTheGuidesCounts() throws {
        let call = try CallDefinition.guide2025()
        #expect(call.applicantKinds.count == 6)
        #expect(call.recommenderKinds.count == 3)
        #expect(call.eligibilityConditions.count == 4)
        #expect(call.priorityConditions.count == 4)
        #expect(call.category(.conference)?.cooperationContent.count == 3)
        #expect(call.category(.cooperation)?.cooperationContent.count == 7)
        for category in call.categories {
            #expect(category.fields.count == 11)
            #expect(category.fields.map(\.label).first == "先进制造")
            // The free-text choice closes every list of the form.
            #expect(category.cooperationContent.last?.code == "other")
            #expect(category.fields.last?.code == "other")
        }
        #expect(call.category(.conference)?.fields == call.category(.cooperation)?.fields)
    }

    /// Codes are what applications store, so one code must never mean two options.
    @Test func codesAreUniqueWithinEveryList() throws {
        let call = try CallDefinition.guide2025()
        var lists: [[String]] = [
            call.applicantKinds.map(\.code), call.recommenderKinds.map(\.code),
            call.eligibilityConditions.map(\.code), call.priorityConditions.map(\.code),
        ]
        for category in call.categories {
            lists.append(category.cooperationContent.map(\.code))
            lists.append(category.fields.map(\.code))
        }
        for codes in lists {
            #expect(Set(codes).count == codes.count, "\(codes)")
        }
    }

    /// Every kind of recommender organisation belongs to exactly one recommender kind of the call,
    /// counties included (they recommend through their city, 申报程序).
    @Test func recommenderKindsCoverEveryOrganisationKindOnce() throws {
        let call = try CallDefinition.guide2025()
        let kinds = call.recommenderKinds.flatMap(\.organizationKinds)
        #expect(kinds.count == RecommenderKind.allCases.count)
        #expect(Set(kinds) == Set(RecommenderKind.allCases))
        #expect(
            call.recommenderKinds.first { $0.code == "cityAssociation" }?.organizationKinds
                == [.city, .county])
    }

    /// The guide's text is the seed's, line by line, from the title to the contact lines.
    @Test func guideTextIsTheSeedUpToTheForms() throws {
        let call = try CallDefinition.guide2025()
        let seed = try seedGuide()
        let end = try #require(seed.range(of: "五、项目申报书"))
        let bookmark = try Regex(#"\[bookmark: [^\]]*\]"#)
        let expected = seed[..<end.lowerBound]
            .split(whereSeparator: \.isNewline)
            .map { $0.replacing(bookmark, with: "") }
            .map { $0.filter { $0 != "\t" }.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        // Stored with placeholders for the numbers, lists and contacts; filled, it is the seed.
        let text = GuideText.filled(call.guideText, call: call, deadline: "")
        #expect(text.components(separatedBy: "\n") == expected)
        #expect(GuideText.render(call.guideText, call: call, deadline: "").map(\.text) == expected)
        #expect(call.guideText.contains("支持项目{{资助项目数}}个，支持经费{{资助金额}}/个。"))
        #expect(call.guideText.contains("{{申报单位列表}}") && call.guideText.contains("电  话：{{联系电话}}"))
        #expect(GuideText.problems(call.guideText, call: call).isEmpty)
        #expect(text.contains("申报程序"))
        #expect(text.contains("电  话：0731-84884381"))
        #expect(text.contains("联系人：省科协国际与区域合作部 李嘉玮"))
        #expect(!text.contains("[bookmark") && !text.contains("{{"))
        #expect(!text.contains("五、项目申报书"))
    }

    @Test func callRoundTripsThroughJSON() throws {
        let call = try CallDefinition.guide2025()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(CallDefinition.self, from: encoder.encode(call)) == call)
    }
}
