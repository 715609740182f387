import Foundation
import ShenbaoCore
import Testing

/// The codes a client matches on: one enum, each raw value once, and docs/api.md lists exactly them.
@Suite struct ErrorCodeTests {
    @Test("every error code's raw value is unique and a plain word")
    func unique() {
        let raw = ErrorCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber } })
    }

    @Test("docs/api.md lists exactly the error codes, in the enum's order")
    func documented() throws {
        let api = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/api.md")
        let text = try String(contentsOf: api, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- error codes: begin -->"))
        let end = try #require(text.range(of: "<!-- error codes: end -->"))
        let listed = text[begin.upperBound..<end.lowerBound].split(separator: "\n")
            .compactMap { line -> String? in
                guard line.hasPrefix("- `"), line.hasSuffix("`") else { return nil }
                return String(line.dropFirst(3).dropLast())
            }
        #expect(listed == ErrorCode.allCases.map(\.rawValue))
    }

    @Test("the typed initialisers store the raw value")
    func typed() {
        #expect(Problem(field: "x", code: .required, message: "m").code == "required")
        #expect(WorkflowRefusal(code: .alreadySubmitted, message: "m").code == "alreadySubmitted")
    }
}
