/// A choice offered by the call: a stable English code and the Chinese text of the guide.
public struct Option: Codable, Hashable, Sendable {
    public var code: String
    public var label: String
    /// Retired by the province (停用): no longer offered to new choices, still read and printed
    /// where an application chose it. Absent (not false) in stored calls, so they read unchanged.
    public var retired: Bool?

    public init(code: String, label: String, retired: Bool? = nil) {
        self.code = code
        self.label = label
        self.retired = retired
    }

    public var isRetired: Bool { retired == true }
}

extension Array where Element == Option {
    /// The options offered now, with any retired one `chosen` still holds, in the call's order.
    public func offered(keeping chosen: some Collection<String> = [String]()) -> [Option] {
        filter { !$0.isRetired || chosen.contains($0.code) }
    }
}

/// An inclusive range of whole numbers, as the guide states them ("8-20个", "5-20万元").
public struct Bounds: Codable, Hashable, Sendable {
    public var min: Int
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    public func contains(_ value: Int) -> Bool { value >= min && value <= max }
}
