import Foundation
import Testing

@testable import ShenbaoDocuments

@Test func zzProbe() throws {
    try ApplicationDocx.data(ApplicationDocumentFixtures.conference()).write(
        to: URL(fileURLWithPath: "/tmp/docxprobe/conference.docx"))
    try ApplicationDocx.data(ApplicationDocumentFixtures.cooperation()).write(
        to: URL(fileURLWithPath: "/tmp/docxprobe/cooperation.docx"))
}
