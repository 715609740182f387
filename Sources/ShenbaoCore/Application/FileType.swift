/// What a file really is, judged by its first bytes and never by its name or declared type: a
/// renamed executable is not a PDF because it ends in `.pdf`.
public enum FileType: String, Codable, CaseIterable, Sendable {
    case pdf, jpeg, png, docx

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    /// How a message names the type to a clerk.
    public var label: String {
        switch self {
        case .pdf: "PDF 文件"
        case .jpeg: "JPEG 图片"
        case .png: "PNG 图片"
        case .docx: "Word（.docx）文件"
        }
    }

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        case .docx: "docx"
        }
    }

    /// The type of `bytes`, or nil for anything we do not accept.
    public static func detect<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> FileType? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        // A .docx is a ZIP archive holding word/document.xml; entry names are stored uncompressed
        // in the archive's headers, so finding the name is enough to tell it from other ZIPs.
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]), contains(Array("word/document.xml".utf8), in: bytes) {
            return .docx
        }
        return nil
    }

    private static func contains<Bytes: Collection<UInt8>>(_ needle: [UInt8], in haystack: Bytes) -> Bool {
        let bytes = Array(haystack)
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, Array(bytes[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
