/// Records of comma-separated values as RFC 4180 and Excel write them.
///
/// A field in double quotes may hold the separator, line breaks and doubled quotes (`""` for `"`).
/// Like Excel, the parser forgives what RFC 4180 forbids rather than refusing a clerk's file: a
/// quote inside an unquoted field is kept, text after a closing quote joins the field, and a quote
/// left open runs to the end of the file. Records end at `\r\n`, `\n` or `\r`.
///
/// Tab-separated text (Excel's “Unicode text”, or a table copied from a sheet) is read with tabs
/// as separators when its first line has a tab and no comma.
struct CSVParser {
    private let separator: Unicode.Scalar
    private var grid = TableGrid()
    private var field = String.UnicodeScalarView()
    private var row = 0
    private var column = 0
    /// Inside a quoted field.
    private var quoted = false
    /// A quote seen inside a quoted field: the next character says whether it closes the field or
    /// is the first of a doubled quote.
    private var quotePending = false
    /// A carriage return just ended a record; a line feed right after it belongs to it.
    private var afterCarriageReturn = false
    /// The field has a character or an opening quote, so a quote no longer opens it.
    private var fieldStarted = false
    /// The record has a character or a separator, so the end of the text closes it.
    private var recordStarted = false

    private init(separator: Unicode.Scalar) {
        self.separator = separator
    }

    /// The table in `text`, trimmed and padded as `TableReader.rows` promises.
    static func rows(_ text: String) throws(TableReadError) -> [[String]] {
        var parser = CSVParser(separator: separator(of: text))
        for scalar in text.unicodeScalars {
            try parser.read(scalar)
        }
        try parser.finish()
        return parser.grid.rows
    }

    /// A tab when the first line has a tab and no comma; otherwise a comma.
    static func separator(of text: String) -> Unicode.Scalar {
        let firstLine = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        return firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
    }

    private mutating func read(_ scalar: Unicode.Scalar) throws(TableReadError) {
        if afterCarriageReturn {
            afterCarriageReturn = false
            if scalar == "\n" { return }
        }
        if quotePending {
            quotePending = false
            if scalar == "\"" {
                field.append("\"")
                return
            }
            quoted = false
        }
        if quoted {
            if scalar == "\"" {
                quotePending = true
            } else {
                field.append(scalar)
            }
            return
        }
        switch scalar {
        case separator:
            try endField()
            recordStarted = true
        case "\n":
            try endRecord()
        case "\r":
            try endRecord()
            afterCarriageReturn = true
        case "\"" where !fieldStarted:
            quoted = true
            recordStarted = true
            fieldStarted = true
        default:
            field.append(scalar)
            recordStarted = true
            fieldStarted = true
        }
    }

    private mutating func endField() throws(TableReadError) {
        try grid.set(String(field), row: row, column: column)
        field = String.UnicodeScalarView()
        column += 1
        fieldStarted = false
    }

    private mutating func endRecord() throws(TableReadError) {
        try endField()
        row += 1
        column = 0
        recordStarted = false
    }

    private mutating func finish() throws(TableReadError) {
        if recordStarted { try endRecord() }
    }
}
