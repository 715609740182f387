import Foundation
import ShenbaoCore

/// The call as the public pages show it: amounts in 万元, dates in Chinese, the guide as paragraphs.
struct CallPage: Encodable {
    struct CategoryLine: Encodable {
        var label: String
        var funded: String
        var amount: String
        var cooperationContent: [String]
    }

    var id: String
    var year: Int
    var title: String
    var phaseLabel: String
    var isOpen: Bool
    /// The public notice has started (its page exists), and the funded list is published.
    var hasNotice: Bool
    var isPublished: Bool
    var deadline: String
    var totalFunded: String
    var categories: [CategoryLine]
    var fields: [String]
    var paragraphs: [String]
    var contact: CallContact
    var submission: SubmissionRequirements

    init(_ model: CallModel) throws {
        let call = model.current
        id = try model.requireID().uuidString
        year = call.year
        title = call.title
        phaseLabel = call.phase.label
        isOpen = call.phase == .open
        hasNotice = [.notice, .published, .closed].contains(call.phase)
        isPublished = [.published, .closed].contains(call.phase)
        deadline = call.deadline.map(ChineseFormat.dateTime) ?? "以省科协通知为准"
        totalFunded = "\(call.totalFunded.min)–\(call.totalFunded.max) 个"
        categories = call.categories.map {
            CategoryLine(
                label: $0.label, funded: "\($0.funded.min)–\($0.funded.max) 项",
                amount: "\(ChineseFormat.wan($0.amountYuan.min))–\(ChineseFormat.wan($0.amountYuan.max)) 万元/项",
                cooperationContent: $0.cooperationContent.offered().map(\.label))
        }
        fields = call.categories.first?.fields.offered().map(\.label) ?? []
        paragraphs = call.guideText.split(separator: "\n").map { String($0) }
        contact = call.contact
        submission = call.submission
    }
}
