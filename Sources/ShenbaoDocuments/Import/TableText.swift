/// A cell's text as a table shows it: without the blanks and line breaks around it.
enum TableText {
    /// `text` without leading and trailing Unicode white space: spaces (the ideographic space
    /// U+3000 a Chinese input method types too), tabs and line breaks.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
