/// A path on this site that a browser may be sent to (`next` after login): `/applications?page=2`.
///
/// Only a plain same-site path passes: it starts with one `/`, and holds no control character,
/// no white space and no backslash. `/applications\r\nSet-Cookie:…` put a header of an attacker's
/// into the redirect, and browsers drop a tab from `/\t/host`, leaving `//host`: another site.
public enum LocalPath {
    /// Longer paths than this are no link of ours.
    public static let maximumLength = 2000

    /// `raw` when it is such a path, else nil.
    public static func checked(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.utf8.count <= maximumLength else {
            return nil
        }
        let refused = raw.unicodeScalars.contains { scalar in
            scalar.value < 0x21 || (0x7F...0xA0).contains(scalar.value) || scalar == "\\"
                || scalar.properties.isWhitespace || scalar.properties.isBidiControl
                || scalar.properties.generalCategory == .format
        }
        return refused ? nil : raw
    }

    /// A header value that is safe to send: no line break, no other control character.
    public static func isSafeHeaderValue(_ value: String) -> Bool {
        !value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }
    }
}
