import Foundation
import ShenbaoCore
import ZIPFoundation

/// A .docx from outside, inflated for real within FileCheck's bounds.
///
/// FileCheck reads the sizes the archive's directory declares; a hostile archive declares less
/// than it holds. Here every entry is inflated (and thrown away) while its bytes are counted, and
/// inflating stops as soon as the count passes the bound: a bomb costs at most the bound's work.
public enum ArchiveInflation {
    /// nil when the archive inflates within `FileCheck`'s limits, else why not.
    public static func refusal(ofDocx data: Data) -> FileCheck.Refusal? {
        let bound = min(FileCheck.maximumUnpackedBytes, max(data.count, 1) * FileCheck.maximumRatio)
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            return .brokenArchive
        }
        var total = 0
        for entry in archive where entry.type == .file {
            do {
                let checksum = try archive.extract(entry) { chunk in
                    total += chunk.count
                    if total > bound { throw LimitReached() }
                }
                if checksum != entry.checksum { return .brokenArchive }
            } catch is LimitReached {
                return .archiveTooLarge(unpackedBytes: total)
            } catch {
                return .brokenArchive
            }
        }
        return nil
    }

    /// Thrown from inside the inflater to stop it.
    private struct LimitReached: Error {}
}
