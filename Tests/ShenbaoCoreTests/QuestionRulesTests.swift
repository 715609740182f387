import Foundation
import Testing

@testable import ShenbaoCore

@Suite("补充问题：题型、规则与回答")
struct QuestionRulesTests {
    static let questions: [Question] = [
        Question(code: "partnersSigned", label: "已签署合作协议的外方单位", kind: .shortText, required: true),
        Question(code: "plan", label: "活动宣传方案", kind: .longText, maxLength: 20),
        Question(code: "attendees", label: "预计参会人数", kind: .number, required: true, minimum: 10, maximum: 2_000),
        Question(code: "firstDay", label: "活动首日", kind: .date),
        Question(
            code: "format", label: "举办形式", kind: .singleChoice, required: true,
            options: [
                Option(code: "online", label: "线上"), Option(code: "offline", label: "线下"),
                Option(code: "old", label: "旧形式", retired: true),
            ]),
        Question(
            code: "languages", label: "工作语言", kind: .multipleChoice,
            options: [Option(code: "zh", label: "中文"), Option(code: "en", label: "英文")]),
        Question(code: "firstTime", label: "是否首次举办", kind: .yesNo, required: true),
        Question(code: "invitation", label: "邀请函", kind: .file, required: true),
        Question(
            code: "cooperationOnly", label: "合作项目专有问题", kind: .shortText, required: true, categories: [.cooperation]),
    ]

    static let complete: [String: Answer] = [
        "partnersSigned": .text("Fraunhofer IPA"), "attendees": .number(300), "format": .text("offline"),
        "languages": .choices(["zh", "en"]), "firstTime": .flag(false), "firstDay": .text("2026-05-01"),
    ]
    static let invitation = [AttachedFile(.evidence, condition: "invitation")]

    @Test("a complete set of answers has no problem; a conference form does not ask the cooperation's question")
    func complete() {
        #expect(
            ApplicationRules.answerProblems(
                Self.complete, questions: Self.questions, category: .conference, attachments: Self.invitation
            )
            .isEmpty)
        let cooperation = ApplicationRules.answerProblems(
            Self.complete, questions: Self.questions, category: .cooperation, attachments: Self.invitation)
        #expect(cooperation.map(\.message) == ["请填写合作项目专有问题"])
    }

    @Test(
        "each type's mistake, named by the question",
        arguments: [
            ("partnersSigned", nil, "请填写已签署合作协议的外方单位"),
            ("partnersSigned", Answer.text("   "), "请填写已签署合作协议的外方单位"),
            ("plan", .text(String(repeating: "字", count: 21)), "活动宣传方案不能超过20个字，当前为21个字"),
            ("attendees", .number(5), "预计参会人数应在10至2000之间，现为5"),
            ("attendees", .text("三百"), "预计参会人数的回答应为数字"),
            ("firstDay", .text("5月1日"), "活动首日应为日期，如“2026-05-01”，现为“5月1日”"),
            ("format", nil, "请选择举办形式"),
            ("format", .text("hybrid"), "举办形式中的“hybrid”不是可选的选项，请从列出的选项中选择"),
            ("format", .text("old"), "举办形式中的“旧形式”已停用，请改选其他选项"),
            ("languages", .choices(["zh", "zh"]), "工作语言中有选项选了不止一次"),
            ("firstTime", nil, "请选择是否首次举办"),
            ("firstTime", .text("是"), "是否首次举办的回答应为是/否"),
        ] as [(String, Answer?, String)])
    func mistake(_ code: String, answer: Answer?, message: String) {
        var answers = Self.complete
        answers[code] = answer
        let problems = ApplicationRules.answerProblems(
            answers, questions: Self.questions, category: .conference, attachments: Self.invitation)
        #expect(problems.map(\.message) == [message])
        #expect(problems.allSatisfy { $0.field == "answers.\(code)" })
    }

    @Test("a required file is an evidence file marked with the question; an answer to no question is refused by name")
    func fileAndUnknown() {
        var answers = Self.complete
        answers["surprise"] = .text("x")
        let problems = ApplicationRules.answerProblems(
            answers, questions: Self.questions, category: .conference, attachments: [])
        #expect(problems.map(\.message) == ["请上传邀请函", "补充信息中的“surprise”不是本类别申报书的问题，请删除"])
    }

    @Test("answers read and write as plain JSON values, and display as the documents write them")
    func json() throws {
        let json = #"{"a":"文字","b":12,"c":true,"d":["zh","en"]}"#
        let answers = try JSONDecoder().decode([String: Answer].self, from: Data(json.utf8))
        #expect(answers == ["a": .text("文字"), "b": .number(12), "c": .flag(true), "d": .choices(["zh", "en"])])
        let again = try JSONDecoder().decode([String: Answer].self, from: try JSONEncoder().encode(answers))
        #expect(again == answers)
        #expect(Answer.choices(["zh", "en"]).display(for: Self.questions[5]) == "中文、英文")
        #expect(Answer.text("2026-05-01").display(for: Self.questions[3]) == "2026年5月1日")
        #expect(Answer.flag(false).display(for: Self.questions[6]) == "否")
        #expect(Answer.text("offline").display(for: Self.questions[4]) == "线下")
    }

    @Test("a draft keeps what it may hold: a runaway text or number is refused already when saved")
    func draft() {
        var form = ApplicationForm()
        form.answers = ["plan": .text(String(repeating: "字", count: 10_001)), "attendees": .number(Int.max)]
        let fields = Set(ApplicationRules.draftProblems(form).map(\.field))
        #expect(fields == ["answers.plan", "answers.attendees"])
    }

    @Test("the editor checks the questions: code, text, options for choices, bounds in order")
    func editor() {
        var call = (try? CallDefinition.guide2025()) ?? { fatalError("the bundled call decodes") }()
        call.questions =
            Self.questions + [
                Question(code: "format", label: "重复", kind: .shortText),
                Question(code: "noOptions", label: "没有选项", kind: .singleChoice),
                Question(code: "bounds", label: "人数", kind: .number, minimum: 10, maximum: 5),
                Question(code: "x", label: "", kind: .longText, maxLength: 0),
            ]
        let problems = CallDefinitionCheck.problems(call)
        #expect(problems.contains { $0.field == "questions[9].code" && $0.message == "第10个补充问题的代码与前面的问题重复" })
        #expect(problems.contains { $0.field == "questions[10].options" && $0.message == "请为第11个补充问题设置选项" })
        #expect(problems.contains { $0.field == "questions[11].min" && $0.message.contains("不能大于上限") })
        #expect(problems.contains { $0.field == "questions[12].label" })
        #expect(problems.contains { $0.field == "questions[12].maxLength" })
        call.questions = Self.questions
        #expect(CallDefinitionCheck.problems(call).isEmpty)
    }
}
