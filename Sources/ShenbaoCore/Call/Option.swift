/// A choice offered by the call: a stable English code and the Chinese text of the guide.
public struct Option: Codable, Hashable, Sendable {
    public var code: String
    public var label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
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
