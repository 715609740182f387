import Testing

@testable import ShenbaoCore

/// The award letter and the agreement say what the project's facts say: one value feeds both.
@Suite("立项通知书与项目任务书的内容")
struct ProjectTextsTests {
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { preconditionFailure("not a day: \(text)") }
        return day
    }

    static func facts(amountYuan: Int = 150_000, phases: [Phase] = [], goals: String = "签署合作备忘录1份") -> ProjectFacts {
        ProjectFacts(
            programme: "2025年度国际与区域科技交流类项目", projectName: "中德智能制造研讨会", applicationNumber: "2025-HY-0001",
            organization: "湖南大学", categoryLabel: "国际科技交流会议项目", leader: "张三", amountYuan: amountYuan,
            period: DayRange(start: Self.day("2025-11-01"), end: Self.day("2026-10-31")),
            goals: goals, phases: phases, issuer: "湖南省科学技术协会", publishedOn: Self.day("2025-10-10"))
    }

    @Test(
        "the amount in 万元, as the notice prints it",
        arguments: [(150_000, "一、资助金额：15万元。"), (125_500, "一、资助金额：12.55万元。"), (1, "一、资助金额：0.0001万元。")])
    func amount(yuan: Int, line: String) {
        #expect(AwardLetter.content(Self.facts(amountYuan: yuan)).paragraphs.contains(line))
        #expect(
            AgreementText.content(Self.facts(amountYuan: yuan)).basics.last
                == .init(label: "资助金额（万元）", value: String(line.dropFirst(7).dropLast(3))))
    }

    @Test func theLetterNamesTheProjectItsNumberPeriodAndDate() {
        let letter = AwardLetter.content(Self.facts())
        #expect(letter.title == "立项通知书")
        #expect(letter.addressee == "湖南大学：")
        #expect(letter.paragraphs[0].contains("“中德智能制造研讨会”（申报编号：2025-HY-0001）获准立项"))
        #expect(letter.paragraphs[0].contains("列入2025年度国际与区域科技交流类项目国际科技交流会议项目"))
        #expect(letter.paragraphs.contains("二、项目执行期：2025年11月1日至2026年10月31日。"))
        #expect(letter.paragraphs.contains { $0.contains("接受省科协的监督、审计和评估") })
        #expect((letter.issuer, letter.date.chinese) == ("湖南省科学技术协会", "2025年10月10日"))
    }

    @Test(
        "the agreement's plan is the application's phases, one row each",
        arguments: [
            ([Phase](), [[String]]()),
            (
                [
                    Phase(
                        period: DayRange(
                            start: day("2025-11-01"), end: Self.day("2026-03-31")),
                        budgetYuan: 55_000, goal: "筹备"),
                    Phase(period: nil, budgetYuan: nil, goal: nil),
                ],
                [["第1阶段", "2025年11月1日至2026年3月31日", "5.5", "筹备"], ["第2阶段", "未填写", "", ""]]
            ),
        ])
    func phases(phases: [Phase], rows: [[String]]) {
        #expect(AgreementText.content(Self.facts(phases: phases)).phases == rows)
    }

    @Test func theAgreementNamesBothPartiesAndLeavesTheirLinesEmpty() {
        let agreement = AgreementText.content(Self.facts(goals: ""))
        #expect((agreement.partyA, agreement.partyB) == ("湖南省科学技术协会", "湖南大学"))
        #expect(agreement.goals == "（申报书未填写）")
        #expect(agreement.basics.map(\.label) == ["项目名称", "申报编号", "项目类别", "承担单位", "项目负责人", "执行期", "资助金额（万元）"])
        #expect(agreement.duties[1].hasPrefix("乙方（湖南大学）"))
    }
}
