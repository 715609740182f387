/// Lower-case hexadecimal, as SHA-256 digests are stored and shown.
///
/// `String(format: "%02x")` per byte went through Foundation's formatter 32 times a digest: 2 % of
/// the server's work on every API request, which hashes its bearer token to look it up.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
