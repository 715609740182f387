import Foundation
import ZIPFoundation

/// A ZIP archive from outside, unpacked one part at a time within the reader's limits.
///
/// The sizes an archive declares are checked first, for every entry; since a hostile archive may
/// declare less than it holds, the bytes are counted again while they are inflated, and inflating
/// stops as soon as a part passes `TableReader.maximumPartSize` or all parts read so far pass
/// `TableReader.maximumTotalSize`. A part whose checksum does not match its bytes is refused.
struct BoundedArchive {
    private let archive: Archive
    /// Bytes the parts still to be read may unpack to together.
    private var remaining = TableReader.maximumTotalSize

    init(_ data: Data) throws(TableReadError) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .unreadable
        }
        var total: UInt64 = 0
        for entry in archive {
            guard entry.uncompressedSize <= UInt64(TableReader.maximumPartSize) else {
                throw .decompressedTooLarge
            }
            total += entry.uncompressedSize
            guard total <= UInt64(TableReader.maximumTotalSize) else { throw .decompressedTooLarge }
        }
    }

    /// The unpacked bytes of the part at `path`; nil when the archive has no such file.
    mutating func part(_ path: String) throws(TableReadError) -> Data? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        let limit = min(TableReader.maximumPartSize, remaining)
        var bytes = Data()
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry) { chunk in
                guard bytes.count + chunk.count <= limit else { throw LimitReached() }
                bytes.append(chunk)
            }
        } catch is LimitReached {
            throw .decompressedTooLarge
        } catch {
            throw .unreadable
        }
        guard checksum == entry.checksum else { throw .unreadable }
        remaining -= bytes.count
        return bytes
    }

    /// Thrown from inside the inflater to stop it.
    private struct LimitReached: Error {}
}
