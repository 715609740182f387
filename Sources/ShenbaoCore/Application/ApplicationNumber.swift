/// The application number (申报编号), e.g. `2025-HY-0012`: the call's year, the category's
/// letters (HY 会议, HZ 合作) and the application's place among its category's first
/// submissions in the call.
///
/// Given once, at the first submission, and never reused: a withdrawn or returned application
/// keeps its number, and the sequence only ever grows, so a number on a paper copy always
/// points at one application.
public struct ApplicationNumber: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var category: Category
    public var sequence: Int

    public init(year: Int, category: Category, sequence: Int) {
        self.year = year
        self.category = category
        self.sequence = sequence
    }

    /// The letters of a category, from the initials of its pinyin (会议 huìyì, 合作 hézuò).
    public static func letters(_ category: Category) -> String {
        switch category {
        case .conference: "HY"
        case .cooperation: "HZ"
        }
    }

    /// Four digits at least, so numbers sort and line up; more when a call has more.
    public var description: String {
        let digits = String(sequence)
        return "\(year)-\(Self.letters(category))-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Reads a number back (case-insensitive letters, as someone may type it in a search box).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).uppercased().split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]),
            let category = Category.allCases.first(where: { Self.letters($0) == parts[1] }),
            parts[2].count >= 4, parts[2].allSatisfy(\.isASCII), let sequence = Int(parts[2]), sequence > 0
        else { return nil }
        self.init(year: year, category: category, sequence: sequence)
    }
}
