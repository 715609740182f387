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
    /// The guide's text, placeholders filled (GuideText), consecutive items gathered in one list.
    var guide: [GuideBlock]
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
        guide = GuideBlock.blocks(
            GuideText.render(
                call.guideText, call: call, deadline: deadline,
                recommendationDeadline: call.recommendationDeadline.map(ChineseFormat.dateTime) ?? "以省科协通知为准"))
        contact = call.contact
        submission = call.submission
    }
}

/// One block of the guide as the page writes it: a heading under the card's own, a paragraph,
/// or a list of the items that follow each other.
struct GuideBlock: Encodable {
    var tag: String
    var spans: [GuideText.Span]
    var items: [[GuideText.Span]]

    static func blocks(_ rendered: [GuideText.Block]) -> [GuideBlock] {
        var blocks: [GuideBlock] = []
        for block in rendered {
            switch block.kind {
            case .item:
                if blocks.last?.tag == "ul" {
                    blocks[blocks.count - 1].items.append(block.spans)
                } else {
                    blocks.append(GuideBlock(tag: "ul", spans: [], items: [block.spans]))
                }
            case .heading1: blocks.append(GuideBlock(tag: "h3", spans: block.spans, items: []))
            case .heading2: blocks.append(GuideBlock(tag: "h4", spans: block.spans, items: []))
            case .heading3: blocks.append(GuideBlock(tag: "h5", spans: block.spans, items: []))
            case .paragraph: blocks.append(GuideBlock(tag: "p", spans: block.spans, items: []))
            }
        }
        return blocks
    }
}
