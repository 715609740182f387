import Benchmark
import Foundation
import ShenbaoCore
import ShenbaoDocuments

/// One application's Word form and a 1,000-row form 3, the two documents clerks wait for most.
/// `bench/compare.py` produces the same content with python-docx and openpyxl for comparison.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .microseconds, maxDuration: .seconds(5),
        maxIterations: 200)

    Benchmark("docx: one conference application") { benchmark in
        let document = BenchFixtures.document()
        for _ in benchmark.scaledIterations {
            blackHole(try ApplicationDocx.data(document))
        }
    }

    Benchmark("xlsx: form 3 with 1,000 rows") { benchmark in
        let rows = BenchFixtures.rows(1000)
        for _ in benchmark.scaledIterations {
            blackHole(
                try SummaryTable.xlsx(title: SummaryTable.officialTitle, fillingOrganization: "长沙市科学技术协会", rows: rows))
        }
    }
}

enum BenchFixtures {
    static func document() -> ApplicationDocument {
        var form = ApplicationForm()
        form.projectName = "2025中德智能制造国际研讨会"
        form.period = DayRange(start: Day("2025-06-01"), end: Day("2025-12-31"))
        form.contactName = "王五"
        form.contactPhone = "13812345678"
        form.leader = "李明"
        form.leaderTitle = "教授"
        form.leaderPhone = "0731-88886666"
        form.cooperationBasis = String(repeating: "与德国弗劳恩霍夫研究所合作十年，联合举办研讨会三次。", count: 10)
        form.partners = [Partner(name: "Fraunhofer IPA", countryOrRegion: "DE")]
        form.cooperationContent = Choices(codes: ["hostSymposium"])
        form.fields = Choices(codes: ["advancedManufacturing"])
        form.mainContent = String(repeating: "举办为期三天的国际研讨会，设主论坛与分论坛。", count: 40)
        form.expectedGoals = "形成合作备忘录两份。"
        form.highlights = "首次在湘举办该主题会议。"
        form.phases = [
            Phase(period: DayRange(start: Day("2025-06-01"), end: Day("2025-08-31")), budgetYuan: 60_000, goal: "筹备"),
            Phase(period: DayRange(start: Day("2025-09-01"), end: Day("2025-12-31")), budgetYuan: 90_000, goal: "举办"),
        ]
        form.invitedExperts = [
            InvitedExpert(name: "Anna Schmidt", countryOrRegion: "DE", affiliation: "Fraunhofer IPA", title: "教授"),
            InvitedExpert(name: "John Smith", countryOrRegion: "US", affiliation: "MIT", title: "教授"),
            InvitedExpert(name: "陈大文", countryOrRegion: "HK", affiliation: "香港大学", title: "教授"),
        ]
        form.summaryContent = String(repeating: "字", count: 300)
        form.summaryBasis = String(repeating: "基", count: 400)
        var organization = OrganizationForm()
        organization.name = "湖南鸿斯科技有限公司"
        organization.uscc = "91430100MAE5UXKE2R"
        organization.nature = "enterprise"
        let call = try! CallDefinition.guide2025()
        let category = call.categories.first { $0.code == .conference }!
        return ApplicationDocument(
            category: .conference, organization: organization, form: form,
            cooperationOptions: category.cooperationContent, fieldOptions: category.fields, date: Day("2025-05-20")!)
    }

    static func rows(_ count: Int) -> [SummaryTableRow] {
        (1...count).map { index in
            SummaryTableRow(
                organizationName: "湖南第\(index)科技有限公司", nature: "企业",
                summaryContent: String(repeating: "项目主要内容", count: 45),
                summaryBasis: String(repeating: "合作交流基础", count: 60), partners: "Fraunhofer IPA（德国）")
        }
    }
}
