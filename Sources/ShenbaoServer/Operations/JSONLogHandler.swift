import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object per line (`SHENBAO_LOG_FORMAT=json`), for journald, Loki or Elasticsearch:
/// time, level, logger, message, the request id and every other metadata field as its own key.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    /// Where lines go: standard output, or a test's buffer.
    let write: @Sendable (String) -> Void

    init(
        label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput
    ) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = Self.plain(value)
        }
        // The log is stamped by the machine's clock, not the application's: logs line up with
        // the system's and the proxy's, and a log handler knows no application.
        fields["time"] = Date().formatted(.iso8601)
        fields["level"] = event.level.rawValue
        fields["logger"] = label
        fields["message"] = "\(event.message)"
        if event.level >= .warning { fields["source"] = "\(event.file):\(event.line)" }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        write(String(decoding: data, as: UTF8.self) + "\n")
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): "\(value)"
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    private static let output = NIOLock()

    static let standardOutput: @Sendable (String) -> Void = { line in
        output.withLock {
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
