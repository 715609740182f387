import Testing

@testable import ShenbaoCore

@Suite("异议")
struct ObjectionFormTests {
    static let concrete = "该项目申报书中所列合作单位并未与申报单位签署任何合作协议，情况不实。"

    @Test(
        "an objection is real-name, reachable and concrete; every problem at once",
        arguments: [
            (ObjectionForm(applicationId: "a", name: "王小明", contact: "13812345678", text: concrete), true, [String]()),
            (ObjectionForm(applicationId: "a", name: "湖南某某科技有限公司", contact: "0731-84884381", text: concrete), true, []),
            (ObjectionForm(), true, ["applicationId:required", "name:required", "contact:required", "text:required"]),
            (
                ObjectionForm(applicationId: "a", name: "王小明", contact: "13812345678", text: concrete), false,
                ["applicationId:notOnNotice"]
            ),
            (
                ObjectionForm(applicationId: "a", name: "匿名", contact: "13812345678", text: concrete), true,
                ["name:anonymous"]
            ),
            (
                ObjectionForm(applicationId: "a", name: "Anonymous", contact: "13812345678", text: concrete), true,
                ["name:anonymous"]
            ),
            (
                ObjectionForm(applicationId: "a", name: "王", contact: "13812345678", text: concrete), true,
                ["name:anonymous"]
            ),
            (
                ObjectionForm(applicationId: "a", name: "王小明", contact: "12345", text: "有问题"), true,
                ["contact:invalidPhone", "text:tooShort"]
            ),
            (
                ObjectionForm(
                    applicationId: "a", name: "王小明", contact: "13812345678", text: String(repeating: "实", count: 3001)),
                true, ["text:tooLong"]
            ),
        ] as [(ObjectionForm, Bool, [String])])
    func problems(form: ObjectionForm, onNotice: Bool, expected: [String]) {
        let problems = form.problems(onNotice: onNotice)
        #expect(problems.map { "\($0.field):\($0.code)" } == expected)
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("a short text is told how long it must be")
    func shortText() {
        let form = ObjectionForm(applicationId: "a", name: "王小明", contact: "13812345678", text: "情况不实")
        #expect(form.problems(onNotice: true).map(\.message) == ["异议内容应具体说明事实和理由，至少20个字，当前为4个字"])
    }
}
