import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing

@testable import ShenbaoServer

@Suite struct FormPatchTests {
    @Test("every field of the form can be patched, and only those")
    func everyFieldIsPatchable() {
        let declared = Set(Mirror(reflecting: ApplicationForm()).children.compactMap(\.label))
        #expect(FormPatch.fieldNames == declared)
    }

    @Test("a patch replaces what it sends, clears what it sends as null and keeps the rest")
    func patchSemantics() throws {
        let full = CompleteApplication.conference()
        let whole = try FormPatch.apply(JSONEncoder().encode(full), to: ApplicationForm())
        #expect(whole == full)

        let patched = try FormPatch.apply(Data(#"{"projectName":"新的名称","highlights":null}"#.utf8), to: full)
        #expect(patched.projectName == "新的名称")
        #expect(patched.highlights == nil)
        var expected = full
        expected.projectName = "新的名称"
        expected.highlights = nil
        #expect(patched == expected)
    }
}
