import Foundation
import Testing

@testable import ShenbaoServer

@Suite struct TemplateTests {
    /// Every template a controller names is a file under Resources/Views, and every page file
    /// there is named: a renamed template fails here rather than as a 500 on its page.
    @Test func everyTemplateNamesAFileAndEveryPageIsNamed() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Views")
        for template in Template.allCases {
            let file = views.appendingPathComponent(template.rawValue + ".leaf")
            #expect(FileManager.default.fileExists(atPath: file.path), "\(template.rawValue).leaf is missing")
        }
        let files = try #require(FileManager.default.enumerator(atPath: views.path)).compactMap { $0 as? String }
        // Partials (`_x.leaf`) and the layout are included by the pages, never rendered alone.
        let pages = files.filter {
            $0.hasSuffix(".leaf") && !$0.hasPrefix("_") && !$0.contains("/_") && $0 != "base.leaf"
        }
        let named = Set(Template.allCases.map { $0.rawValue + ".leaf" })
        #expect(Set(pages) == named)
    }
}
