import Crypto
import Foundation
import Testing

@testable import ShenbaoServer

/// Stored token hashes and the audit chain's links were written as `%02x` per byte; the faster
/// writer must spell every byte the same, or old sign-ins and old chains would stop matching.
struct HexTests {
    @Test func everyByteIsSpelledAsBefore() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.string(all) == all.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.string([UInt8]()) == "")
    }

    @Test func aDigestReadsAsTheStandardOne() {
        // FIPS 180-2's example: SHA-256 of "abc".
        #expect(
            Hex.string(SHA256.hash(data: Data("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
