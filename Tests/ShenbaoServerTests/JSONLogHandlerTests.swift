import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import ShenbaoServer

@Suite struct JSONLogHandlerTests {
    @Test("each log line is one JSON object a log collector can read, with the request id as a key")
    func linesAreJSON() throws {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "shenbao.test") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLockedValue { $0.append(line) } }
        }
        logger[metadataKey: "request-id"] = "abc-123"
        logger.debug("not written: below the level")
        logger.info("request finished", metadata: ["status": .stringConvertible(200), "path": "/api/v1/calls"])
        logger.error("申报书 \"保存\" 失败\n第二行")

        let written = lines.withLockedValue { $0 }
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().contains("\n") == false })
        let first = try #require(
            JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(first["message"] as? String == "request finished")
        #expect(first["level"] as? String == "info")
        #expect(first["request-id"] as? String == "abc-123")
        #expect(first["status"] as? String == "200")
        #expect(first["path"] as? String == "/api/v1/calls")
        #expect((first["time"] as? String)?.hasSuffix("Z") == true)
        let second = try #require(
            JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == "申报书 \"保存\" 失败\n第二行")
        #expect(second["level"] as? String == "error")
        #expect((second["source"] as? String)?.contains("JSONLogHandlerTests.swift") == true)
    }
}
