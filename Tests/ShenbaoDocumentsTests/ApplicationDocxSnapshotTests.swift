import Foundation
import ShenbaoCore
import SnapshotTesting
import Testing

@testable import ShenbaoDocuments

/// The official form's body (`word/document.xml`) of each category, compared whole with the
/// reference copy in __Snapshots__/ApplicationDocxSnapshotTests: any change to the document an
/// applicant prints and stamps shows in review as a diff of that file. After an intended change,
/// re-record with `SNAPSHOT_TESTING_RECORD=all swift test --filter ApplicationDocxSnapshotTests`
/// and commit the new reference.
@Suite("application form as Word: the document XML is the reviewed reference")
struct ApplicationDocxSnapshotTests {
    @Test("会议 (conference) form")
    func conference() throws {
        assertSnapshot(
            of: try documentXML(ApplicationDocumentFixtures.conference()), as: .lines, named: "document")
    }

    @Test("合作 (cooperation) form")
    func cooperation() throws {
        assertSnapshot(
            of: try documentXML(ApplicationDocumentFixtures.cooperation()), as: .lines, named: "document")
    }

    /// The body as written (the writer puts no date, id or random value in it), one tag to a line
    /// so that a diff points at the paragraph or cell that changed. The split loses nothing: text
    /// holding `><` is written escaped.
    private func documentXML(_ document: ApplicationDocument) throws -> String {
        let xml = try XlsxPackage(ApplicationDocx.data(document)).text("word/document.xml")
        return xml.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }
}
