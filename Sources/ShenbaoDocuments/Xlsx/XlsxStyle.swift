/// The few looks of the official forms' tables, each a fixed cell format of `xl/styles.xml`.
///
/// A closed set instead of free fonts and borders: every table the system prints then looks the
/// same, and the styles part is a constant that Excel, WPS and LibreOffice are known to accept.
public enum XlsxStyle: Int, CaseIterable, Hashable, Sendable {
    /// The sheet's default: regular, no border, vertically centred.
    case normal
    /// A form's title: bold 16 pt, centred.
    case title
    /// A column header: bold, thin borders, grey fill, centred, wrapped.
    case header
    /// A table cell of running text: thin borders, wrapped, top-left, so long texts read down.
    case body
    /// A short table cell (序号, 单位性质): thin borders, wrapped, centred.
    case bodyCenter

    /// Index of this style's `xf` in `cellXfs`; the order there follows `allCases`.
    var formatIndex: Int { rawValue }
}

extension XlsxStyle {
    /// Point size of the style's font, as `XlsxStylesPart` writes it.
    var fontSize: Double { self == .title ? 16 : 11 }

    /// Whether long text breaks into lines within the cell.
    var wraps: Bool { self != .normal }
}
