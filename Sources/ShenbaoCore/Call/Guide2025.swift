import Foundation

/// Why the bundled call could not be read: a packaging mistake, never a user's.
public enum CallDataError: Error, CustomStringConvertible {
    /// The resource is not in the module's bundle.
    case missingResource(String)
    /// The resource is there but does not decode as a `CallDefinition`.
    case unreadable(String, underlying: any Error)

    public var description: String {
        switch self {
        case .missingResource(let name):
            "The bundled call \(name) is missing from ShenbaoCore's resources"
        case .unreadable(let name, let underlying):
            "The bundled call \(name) does not decode as a CallDefinition: \(underlying)"
        }
    }
}

extension CallDefinition {
    /// The 2025 guide (2025年度国际与区域科技交流类项目申报指南), the call the system ships with.
    ///
    /// Read from `Resources/call-2025.json` on each call, so the server seeds its database from it
    /// once and later years are made by copying the stored call, not by editing code.
    public static func guide2025() throws -> CallDefinition {
        let name = "call-2025.json"
        guard let url = Bundle.module.url(forResource: "call-2025", withExtension: "json") else {
            throw CallDataError.missingResource(name)
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(CallDefinition.self, from: Data(contentsOf: url))
        } catch {
            throw CallDataError.unreadable(name, underlying: error)
        }
    }
}
