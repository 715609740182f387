/// How a sheet prints: always on A4, the paper the guide requires for every submitted document.
public struct XlsxPrintSetup: Hashable, Sendable {
    public enum Orientation: String, Hashable, Sendable {
        case portrait, landscape
    }

    public var orientation: Orientation
    /// Scale every column onto one page's width (pages still break down the rows), so a wide
    /// table never prints its last columns on pages of their own.
    public var fitToWidth: Bool
    /// Rows printed again at the top of every page (1-based, as Excel numbers them), e.g. `3...3`
    /// for a header row under a title and a 填报单位 line.
    public var repeatedRows: ClosedRange<Int>?
    /// Centre footer, in Excel's header/footer codes (`&P` page number, `&N` page count).
    public var footer: String?

    public init(
        orientation: Orientation = .portrait, fitToWidth: Bool = false, repeatedRows: ClosedRange<Int>? = nil,
        footer: String? = nil
    ) {
        self.orientation = orientation
        self.fitToWidth = fitToWidth
        self.repeatedRows = repeatedRows
        self.footer = footer
    }
}
