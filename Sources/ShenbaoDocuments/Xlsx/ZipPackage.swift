import Foundation
import ZIPFoundation

/// The ZIP container of an Office Open XML document, built in memory.
///
/// Deflate, as Office writes it; every part of an Office document carries one fixed date, so the
/// same parts always give the same bytes (a date would otherwise enter each entry's header). The
/// files of a package carry their own dates (`dated`).
enum ZipPackage {
    /// 2000-01-01 00:00 UTC: well inside the DOS date range in every time zone.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    /// An archive holding `entries` in the given order, paths as given. `compressed: false` stores
    /// them as they are: for files that are compressed already (PDF, images, Office files), where
    /// deflate costs CPU time and saves nothing.
    static func data(_ entries: [(path: String, data: Data)], compressed: Bool = true) throws -> Data {
        try dated(entries.map { ($0.path, $0.data, entryDate) }, compressed: compressed)
    }

    /// The same with each entry's own date. A ZIP entry's date is a wall-clock time without a
    /// zone, which ZIPFoundation writes as UTC (`gmtime`): it is shifted so that the archive shows
    /// Beijing time to the applicants and clerks who open it, wherever the server runs.
    static func dated(_ entries: [(path: String, data: Data, date: Date)], compressed: Bool = true) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for entry in entries {
            let bytes = entry.data
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: beijingWallClock(entry.date),
                compressionMethod: compressed ? .deflate : .none
            ) { position, size in
                let start = bytes.startIndex + Int(position)
                return bytes.subdata(in: start..<min(start + size, bytes.endIndex))
            }
        }
        guard let data = archive.data else { throw ZipPackageError.noData }
        return data
    }

    static let beijing = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    /// The instant whose UTC wall-clock time is `date`'s time in Beijing.
    static func beijingWallClock(_ date: Date) -> Date {
        date.addingTimeInterval(TimeInterval(beijing.secondsFromGMT(for: date)))
    }
}

/// An in-memory archive that gave no bytes back: a fault of the ZIP library, never of the input.
struct ZipPackageError: Error {
    static let noData = ZipPackageError()
}
