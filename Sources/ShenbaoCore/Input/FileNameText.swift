/// File names as people upload them, made safe to show, store and unpack.
public enum FileNameText {
    /// Characters that change how a name reads without being seen: direction overrides and
    /// isolates (`U+202E` makes `report‮fdp.exe` read as `reportexe.pdf`), zero-width marks.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isBidiControl || scalar.properties.generalCategory == .format
    }

    /// `name` without control characters and invisible ones: what may be shown and stored.
    public static func printable(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !isInvisible($0) }))
    }

    /// `name` cut to at most `limit` characters with its extension (`.docx`, `.pdf`) kept: a
    /// long project name once lost the extension and the file no longer opened.
    public static func shortened(_ name: String, to limit: Int) -> String {
        guard name.count > limit else { return name }
        var stem = Substring(name)
        var suffix = ""
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 6,
            name[name.index(after: dot)...].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        {
            stem = name[..<dot]
            suffix = String(name[dot...])
        }
        let kept = String(stem.prefix(max(1, limit - suffix.count)))
        return kept.trimmingCharacters(in: [" ", "."]) + suffix
    }
}
