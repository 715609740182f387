import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, six digits), the codes
/// any authenticator app shows, and the Base32 form (RFC 4648) its key is typed in.
enum TOTP {
    static let step: TimeInterval = 30
    static let digits = 6

    /// A new key: 20 random bytes, as RFC 4226 recommends for SHA-1.
    static func newSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The 30-second step `date` falls in.
    static func counter(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / step).rounded(.down)) }

    /// The code of `counter` (RFC 4226's HOTP), `digits` long with leading zeros.
    static func code(secret: Data, counter: Int64, digits: Int = digits) -> String {
        let message = withUnsafeBytes(of: UInt64(bitPattern: counter).bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(value % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The step whose code `typed` is, within one step either side of `date` (a phone's clock
    /// may be a little off), or nil.
    static func matchingCounter(_ typed: String, secret: Data, at date: Date) -> Int64? {
        let typed = typed.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCIIDigit) else { return nil }
        let now = counter(at: date)
        return [now - 1, now, now + 1].first { Secrets.equal(code(secret: secret, counter: $0), typed) }
    }

    /// The link an authenticator app reads (typed by hand, or from a QR code another tool makes).
    static func provisioningURI(secret: Data, account: String, issuer: String = "湖南省科协申报系统") -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        let issuerText = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerText)&digits=\(digits)&period=30"
    }
}

/// RFC 4648 Base32 without padding: how authenticator apps take a key typed by hand.
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ data: Data) -> String {
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    /// Spaces and lower case forgiven; nil when a character is not Base32.
    static func decode(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased() where character != " " && character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = ((buffer << 5) | value) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return Data(bytes)
    }
}
