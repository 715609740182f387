import ShenbaoCore
import Testing

@Suite("The programme named by a guide's title")
struct ProgrammeNameTests {
    @Test(
        "titles derived from the guide do not repeat 申报指南",
        arguments: [
            ("2025年度国际与区域科技交流类项目申报指南", "2025年度国际与区域科技交流类项目"),
            ("2026年度国际与区域科技交流类项目指南", "2026年度国际与区域科技交流类项目"),
            ("湖南省科协学术交流项目", "湖南省科协学术交流项目"),
            ("申报指南", "申报指南"),
        ])
    func programme(title: String, expected: String) {
        #expect(ProgrammeName.of(guideTitle: title) == expected)
    }
}
