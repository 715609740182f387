/// Checks beyond the first bytes, for files that only look right at their start: a PDF header
/// pasted over other content (a polyglot), or a .docx whose archive inflates to gigabytes (a zip
/// bomb that would bring down whoever opens it — the province's clerk, or our own converters).
public enum FileCheck {
    /// At most this much once unpacked, and at most this many times the packed size: real Word
    /// files are text that packs about ten to one.
    public static let maximumUnpackedBytes = 200 * 1024 * 1024
    public static let maximumRatio = 100

    public enum Refusal: Equatable, Sendable {
        /// A PDF header without a PDF's end: something else wearing a PDF's first line.
        case pdfWithoutEnd
        /// The archive does not read as one (entries not where its directory says).
        case brokenArchive
        /// The archive unpacks beyond the limits.
        case archiveTooLarge(unpackedBytes: Int)
    }

    /// The same, copying only what the check reads: a PDF's end, not the whole scan.
    public static func refusal<Bytes: RandomAccessCollection<UInt8>>(_ type: FileType, of bytes: Bytes) -> Refusal? {
        refusal(type, bytes: type == .pdf ? Array(bytes.suffix(2048)) : Array(bytes))
    }

    public static func refusal(_ type: FileType, bytes: [UInt8]) -> Refusal? {
        switch type {
        case .pdf:
            // Every PDF ends with %%EOF, perhaps followed by line ends or a little padding.
            return contains(Array("%%EOF".utf8), in: bytes.suffix(2048)) ? nil : .pdfWithoutEnd
        case .docx:
            guard let unpacked = unpackedSize(ofZip: bytes) else { return .brokenArchive }
            if unpacked > maximumUnpackedBytes || unpacked > max(bytes.count, 1) * maximumRatio {
                return .archiveTooLarge(unpackedBytes: unpacked)
            }
            return nil
        case .jpeg, .png:
            return nil
        }
    }

    /// The sum of the uncompressed sizes in a ZIP's central directory, or nil when the directory
    /// can't be read (ZIP64 archives too: no Word file needs one).
    static func unpackedSize(ofZip bytes: [UInt8]) -> Int? {
        func uint16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func uint32(_ at: Int) -> Int { uint16(at) | uint16(at + 2) << 16 }
        // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
        guard bytes.count >= 22 else { return nil }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest,
            !(bytes[end] == 0x50 && bytes[end + 1] == 0x4B && bytes[end + 2] == 5 && bytes[end + 3] == 6)
        {
            end -= 1
        }
        guard end >= lowest else { return nil }
        let entries = uint16(end + 10)
        var offset = uint32(end + 16)
        guard entries != 0xFFFF, offset != 0xFFFF_FFFF else { return nil }
        var total = 0
        for _ in 0..<entries {
            guard offset + 46 <= bytes.count, uint32(offset) == 0x0201_4B50 else { return nil }
            let unpacked = uint32(offset + 24)
            guard unpacked != 0xFFFF_FFFF else { return nil }
            total += unpacked
            offset += 46 + uint16(offset + 28) + uint16(offset + 30) + uint16(offset + 32)
        }
        return total
    }

    private static func contains(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
