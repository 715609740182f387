import Foundation

/// The keys a Decodable type reads at its top level, found by decoding it from a decoder that
/// makes up a value for everything asked and writes down each key: `required` are those read with
/// `decode`, `all` add those read with `decodeIfPresent` (optional properties). For a type with
/// synthesized Codable these are exactly the keys it writes too.
enum CodingKeyRecorder {
    struct Keys {
        var all: Set<String> = []
        var required: Set<String> = []
    }

    static func keys(of type: any Decodable.Type) throws -> Keys {
        let log = Log()
        _ = try type.init(from: MadeUpDecoder(log: log, depth: 0))
        return log.keys
    }

    final class Log {
        var keys = Keys()
    }

    /// Strings a made-up value tries in turn, for types that check their text (a UUID, a day,
    /// a category code); an enum of its own is made from its first case when it lists them.
    static let strings = [
        "x", "00000000-0000-0000-0000-000000000000", "2025-06-01", "2025-06-01T00:00:00Z", "conference", "applicant",
        "province",
    ]

    struct MadeUpDecoder: Decoder {
        let log: Log
        let depth: Int
        var stringIndex = 0
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed<Key>(decoder: self))
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Empty() }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

        /// A value of `type` one level down, trying each made-up string until one is accepted.
        func value<T: Decodable>(_ type: T.Type) throws -> T {
            if let cases = type as? any CaseIterable.Type, let first = Self.first(of: cases) as? T { return first }
            var lastError: (any Error)?
            for index in CodingKeyRecorder.strings.indices {
                do {
                    return try T(from: MadeUpDecoder(log: log, depth: depth + 1, stringIndex: index))
                } catch {
                    lastError = error
                }
            }
            throw lastError ?? DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "none"))
        }

        private static func first<C: CaseIterable>(of type: C.Type) -> Any? { C.allCases.first }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: MadeUpDecoder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        /// Asked by `decodeIfPresent` only: an optional property.
        func contains(_ key: Key) -> Bool {
            if decoder.depth == 0 { decoder.log.keys.all.insert(key.stringValue) }
            return true
        }
        /// Optional properties are left out, so nothing below them needs making up.
        func decodeNil(forKey key: Key) throws -> Bool { true }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if decoder.depth == 0 {
                decoder.log.keys.all.insert(key.stringValue)
                decoder.log.keys.required.insert(key.stringValue)
            }
            return try decoder.value(type)
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            if decoder.depth == 0 { decoder.log.keys.all.insert(key.stringValue) }
            return KeyedDecodingContainer(Keyed<NestedKey>(decoder: MadeUpDecoder(log: decoder.log, depth: 1)))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            if decoder.depth == 0 { decoder.log.keys.all.insert(key.stringValue) }
            return Empty()
        }
        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
    }

    /// Every list is empty.
    struct Empty: UnkeyedDecodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int? { 0 }
        var isAtEnd: Bool { true }
        var currentIndex: Int { 0 }
        mutating func decodeNil() throws -> Bool { true }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "empty"))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            throw DecodingError.valueNotFound(Int.self, .init(codingPath: [], debugDescription: "empty"))
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }
        mutating func superDecoder() throws -> any Decoder {
            throw DecodingError.valueNotFound(Int.self, .init(codingPath: [], debugDescription: "empty"))
        }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: MadeUpDecoder
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { false }
        func decode(_ type: String.Type) throws -> String { CodingKeyRecorder.strings[decoder.stringIndex] }
        func decode(_ type: Double.Type) throws -> Double { 0 }
        func decode(_ type: Float.Type) throws -> Float { 0 }
        func decode(_ type: Int.Type) throws -> Int { 0 }
        func decode(_ type: Int8.Type) throws -> Int8 { 0 }
        func decode(_ type: Int16.Type) throws -> Int16 { 0 }
        func decode(_ type: Int32.Type) throws -> Int32 { 0 }
        func decode(_ type: Int64.Type) throws -> Int64 { 0 }
        func decode(_ type: UInt.Type) throws -> UInt { 0 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.value(type) }
    }
}
