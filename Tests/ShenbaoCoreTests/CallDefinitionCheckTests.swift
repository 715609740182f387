import Foundation
import Testing

@testable import ShenbaoCore

@Suite("申报指南编辑的校验")
struct CallDefinitionCheckTests {
    static func guide() -> CallDefinition {
        (try? CallDefinition.guide2025()) ?? { fatalError("the bundled 2025 call must decode") }()
    }

    typealias Change = @Sendable (inout CallDefinition) -> Void

    @Test("the 2025 guide as shipped passes the editor's checks")
    func shippedGuide() {
        #expect(CallDefinitionCheck.problems(Self.guide()).isEmpty)
    }

    static let mistakes: [(String, Change, String, String)] = [
        ("title", { $0.title = "  " }, "title", "请填写申报指南标题"),
        (
            "total min above max", { $0.totalFunded = Bounds(min: 21, max: 20) }, "totalFunded.min",
            "资助项目总数下限（21项）不能大于上限（20项）"
        ),
        ("total out of bounds", { $0.totalFunded.max = 5_000 }, "totalFunded.max", "资助项目总数上限应在0项至1000项之间"),
        (
            "category minima above the total's maximum",
            {
                $0.categories[0].funded.min = 15; $0.categories[0].funded.max = 15; $0.categories[1].funded.min = 7
            },
            "totalFunded.max", "各类别资助数量下限之和为22项，超过资助项目总数上限20项"
        ),
        (
            "category maxima below the total's minimum",
            {
                $0.categories[0].funded.max = 3; $0.categories[1].funded.max = 4
            },
            "totalFunded.min", "各类别资助数量上限之和为7项，达不到资助项目总数下限8项"
        ),
        ("category label", { $0.categories[1].label = "" }, "categories[1].label", "请填写类别名称"),
        (
            "amount min above max", { $0.categories[0].amountYuan = Bounds(min: 300_000, max: 200_000) },
            "categories[0].amountYuan.min", "国际科技交流会议项目资助金额下限（300000元）不能大于上限（200000元）"
        ),
        ("amount zero", { $0.categories[0].amountYuan.min = 0 }, "categories[0].amountYuan.min", "资助金额下限应大于0"),
        (
            "amount beyond the bound of any number", { $0.categories[1].amountYuan.max = Int.max },
            "categories[1].amountYuan.max", "国际合作项目资助金额上限应在0元至100000000元之间"
        ),
        (
            "option without text", { $0.categories[0].cooperationContent[1].label = " " },
            "categories[0].cooperationContent[1].label", "请填写国际科技交流会议项目的合作内容第2项"
        ),
        (
            "option text twice", { $0.categories[0].fields[1].label = $0.categories[0].fields[0].label },
            "categories[0].fields[1].label", "与前面的选项重复"
        ),
        (
            "option code twice", { $0.categories[1].fields[2].code = $0.categories[1].fields[0].code },
            "categories[1].fields[2].code", "的代码与前面的选项重复"
        ),
        ("option code with spaces", { $0.applicantKinds[0].code = "a b" }, "applicantKinds[0].code", "代码应为1至40个英文字母"),
        (
            "every option retired",
            { for index in $0.applicantKinds.indices { $0.applicantKinds[index].retired = true } },
            "applicantKinds", "申报单位类型至少要保留一项未停用的选项"
        ),
        (
            "too many options",
            { $0.priorityConditions = (0..<51).map { Option(code: "p\($0)", label: "条件\($0)") } },
            "priorityConditions", "优先考虑条件最多50项，现为51项"
        ),
        (
            "an eligibility condition added", { $0.eligibilityConditions.append(Option(code: "extra", label: "新条件")) },
            "eligibilityConditions", "只能修改文字，不能增删"
        ),
        (
            "notice below the guide's 5 days", { $0.noticeWorkingDays = 4 }, "noticeWorkingDays",
            "公示期（工作日）应在5个工作日至30个工作日之间"
        ),
        ("phone", { $0.contact.phone = "abc" }, "contact.phone", "联系电话"),
        ("e-mail", { $0.contact.email = "hnkxgjb.126.com" }, "contact.email", "电子邮箱格式不正确"),
        ("paper copies", { $0.submission.paperCopies = 0 }, "submission.paperCopies", "纸质申报书份数应在1份至20份之间"),
        ("form edition", { $0.formEdition = "2026年2月" }, "formEdition", "申报书版本应写作“2026-02”"),
        ("guide text", { $0.guideText = "" }, "guideText", "请填写申报指南正文"),
        // The reports a funded project owes.
        (
            "two final reports", { $0.reports = ReportDefinition.standard + [ReportDefinition.standard[1]] }, "reports",
            "总结报告（kind 为 final）只能有一份"
        ),
        (
            "report code",
            { $0.reports = [ReportDefinition(code: "中期", title: "中期报告", kind: .interim, questions: [])] },
            "reports[0].code", "第1份报告的代码应为1至40个英文字母、数字或连字符"
        ),
        (
            "report title", { $0.reports = [ReportDefinition(code: "mid", title: " ", kind: .interim, questions: [])] },
            "reports[0].title", "请填写第1份报告的名称"
        ),
        (
            "report due day",
            {
                $0.reports = [
                    ReportDefinition(code: "mid", title: "中期报告", kind: .interim, dueOn: "6月30日", questions: [])
                ]
            },
            "reports[0].dueOn", "第1份报告的截止日期应为日期"
        ),
        (
            "report due both ways",
            {
                $0.reports = [
                    ReportDefinition(
                        code: "mid", title: "中期报告", kind: .interim, dueOn: "2026-06-30", daysAfterEnd: 5, questions: [])
                ]
            }, "reports[0].daysAfterEnd", "第1份报告已有截止日期，不能同时设置项目结束后的天数"
        ),
        (
            "report days after the end",
            {
                $0.reports = [
                    ReportDefinition(code: "end", title: "总结报告", kind: .final, daysAfterEnd: 400, questions: [])
                ]
            },
            "reports[0].daysAfterEnd", "第1份报告的项目结束后天数应在0天至366天之间"
        ),
        (
            "a report's question",
            {
                $0.reports = [
                    ReportDefinition(
                        code: "mid", title: "中期报告", kind: .interim,
                        questions: [Question(code: "q", label: "", kind: .singleChoice)])
                ]
            }, "reports[0].questions[0].options", "请为第1个中期报告的问题设置选项"
        ),
        (
            "a prefill of no text question",
            {
                $0.reports = [
                    ReportDefinition(
                        code: "mid", title: "中期报告", kind: .interim,
                        questions: [Question(code: "n", label: "人数", kind: .number)], prefill: ["n": .mainContent])
                ]
            }, "reports[0].prefill", "中期报告的预填项“n”不是该报告的文字类问题"
        ),
    ]

    @Test("each mistake is named by its field, in Chinese", arguments: mistakes)
    func mistake(_ name: String, change: Change, field: String, message: String) {
        var call = Self.guide()
        change(&call)
        let problems = CallDefinitionCheck.problems(call)
        #expect(problems.contains { $0.field == field && $0.message.contains(message) }, "\(name): \(problems)")
    }

    @Test("every problem at once")
    func allAtOnce() {
        var call = Self.guide()
        call.title = ""
        call.noticeWorkingDays = 3
        call.categories[0].funded = Bounds(min: 5, max: 4)
        call.contact.email = "x"
        let fields = Set(CallDefinitionCheck.problems(call).map(\.field))
        #expect(fields.isSuperset(of: ["title", "noticeWorkingDays", "categories[0].funded.min", "contact.email"]))
    }

    static let used = CallUsage(
        categories: [
            .conference: .init(
                count: 2, cooperationContent: ["hostSymposium"], fields: ["newEnergy"], requestedYuan: 80_000...150_000)
        ],
        applicantKinds: ["nationalSociety"], priorityConditions: ["overseasTalentBase"], savedReports: ["final"])

    static let changes: [(String, Change, String?)] = [
        ("rename an option", { $0.categories[0].cooperationContent[0].label = "主办国际研讨会" }, nil),
        ("retire a used option", { $0.categories[0].cooperationContent[0].retired = true }, nil),
        ("remove an unused option", { $0.categories[0].cooperationContent.remove(at: 1) }, nil),
        ("reorder options", { $0.categories[0].fields.reverse() }, nil),
        ("raise quotas", { $0.categories[0].funded.max = 6 }, nil),
        (
            "remove a used option", { $0.categories[0].cooperationContent.remove(at: 0) },
            "已有申报书选择了国际科技交流会议项目的合作内容“主办、承办国际或区域性科技交流与合作研讨会、报告会、交流会”，不能删除，可改为停用"
        ),
        ("remove a used field", { $0.categories[0].fields.removeAll { $0.code == "newEnergy" } }, "合作领域“新能源”，不能删除"),
        (
            "raise the amount's minimum above a request", { $0.categories[0].amountYuan.min = 100_000 },
            "已有国际科技交流会议项目申报书申请8万元，资助金额下限不能高于此数"
        ),
        (
            "lower the amount's maximum below a request", { $0.categories[0].amountYuan.max = 100_000 },
            "申请15万元，资助金额上限不能低于此数"
        ),
        ("remove a used applicant kind", { $0.applicantKinds.remove(at: 0) }, "申报单位类型“国家级学会”"),
        ("remove a used priority condition", { $0.priorityConditions.removeLast() }, "优先考虑条件“省级及以上海智类基地”"),
        ("change the unused category's amounts", { $0.categories[1].amountYuan.min = 150_000 }, nil),
        ("remove an unsaved report", { $0.reports = [ReportDefinition.standard[1]] }, nil),
        ("remove a saved report", { $0.reports = [ReportDefinition.standard[0]] }, "已有项目填写了“总结报告”，不能删除这份报告"),
    ]

    @Test("what the call's applications use cannot be taken from them", arguments: changes)
    func breaks(_ name: String, change: Change, refusal: String?) {
        let old = Self.guide()
        var new = old
        change(&new)
        let problems = CallDefinitionCheck.breaks(from: old, to: new, usage: Self.used)
        if let refusal {
            #expect(problems.count == 1 && problems.allSatisfy { $0.message.contains(refusal) }, "\(name): \(problems)")
            #expect(problems.allSatisfy { $0.code == ErrorCode.usedByApplications.rawValue })
        } else {
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    @Test("a retired option is offered only where it was chosen, and refused in a new choice")
    func retired() {
        var call = Self.guide()
        call.categories[0].fields[0].retired = true
        let fields = call.categories[0].fields
        #expect(!fields.offered().contains { $0.code == fields[0].code })
        #expect(fields.offered(keeping: [fields[0].code]).first?.code == fields[0].code)
        #expect(fields.offered().count == fields.count - 1)
        let problems = ApplicationRules.choiceProblems(
            Choices(codes: [fields[0].code, fields[1].code]), options: fields, field: "fields", label: "合作领域")
        #expect(problems.map(\.message) == ["合作领域中的“\(fields[0].label)”已停用，请改选其他选项"])
        #expect(
            ApplicationRules.choiceProblems(
                Choices(codes: [fields[1].code]), options: fields, field: "fields", label: "合作领域"
            ).isEmpty)
    }
}
