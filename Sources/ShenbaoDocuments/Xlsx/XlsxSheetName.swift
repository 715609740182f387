import Foundation

/// Sheet names Excel accepts, made from whatever a caller passes (a recommender's name, a title).
///
/// Excel refuses, and "repairs" the whole file over, a name longer than 31 characters, one with
/// any of `[ ] : * ? / \`, one that starts or ends with an apostrophe, an empty one, the reserved
/// `History`, and two names that differ only in letter case.
enum XlsxSheetName {
    static let maximumLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// `name` with forbidden characters dropped, cut to 31 UTF-16 units, never empty.
    static func sanitized(_ name: String, position: Int) -> String {
        var kept = String(
            name.filter { character in
                !forbidden.contains(character)
                    && character.unicodeScalars.allSatisfy { $0.value >= 0x20 && XMLText.isAllowed($0) }
            })
        kept = String(kept.drop { $0 == "'" || $0.isWhitespace })
        kept = cut(kept, toUTF16: maximumLength)
        while let last = kept.last, last == "'" || last.isWhitespace {
            kept.removeLast()
        }
        if kept.isEmpty || kept.lowercased() == "history" {
            return "Sheet\(position)"
        }
        return kept
    }

    /// Sanitised names for all sheets, a later duplicate (ignoring case) numbered ` (2)`, ` (3)`, ….
    static func unique(_ names: [String]) -> [String] {
        var taken: Set<String> = []
        var result: [String] = []
        for (index, name) in names.enumerated() {
            let base = sanitized(name, position: index + 1)
            var candidate = base
            var number = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = cut(base, toUTF16: maximumLength - suffix.utf16.count) + suffix
                number += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// The longest prefix of whole characters within `limit` UTF-16 units (Excel's count).
    static func cut(_ value: String, toUTF16 limit: Int) -> String {
        var result = ""
        var length = 0
        for character in value {
            length += character.utf16.count
            guard length <= limit else { break }
            result.append(character)
        }
        return result
    }

    /// The name as a formula writes it: always quoted, an apostrophe doubled (`'O''Brien'!$3:$3`).
    static func quoted(_ name: String) -> String {
        "'\(name.replacingOccurrences(of: "'", with: "''"))'"
    }
}
