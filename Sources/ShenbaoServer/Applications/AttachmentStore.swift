import Foundation
import NIOPosix

/// Attachment bytes as files named by their SHA-256, beside the SQLite database
/// (`DATA_DIR/attachments/ab/abcdef…`). PostgreSQL keeps them in its `blobs` table, where every
/// instance sees them.
///
/// SQLite lets one writer at a time in, and a 2 MiB scan written into it went through its log and
/// back into the file, in the one write lane: on the deadline day uploads queued behind each
/// other for minutes with a core idle (bench/RESULTS.md). A file is written once, beside the
/// lane, by as many uploads as come at once; the lane only records that it exists (a `blobs` row
/// whose `data` is empty). Rows whose `data` holds the bytes (databases of earlier versions, a
/// restored backup) are read as before until `externalize` moves them out.
///
/// A file is synced to disk and renamed into place before the row naming it commits, so an
/// acknowledged upload never lacks its bytes; a crash in between, or a write refused after it
/// (another tab saved first), leaves a file nothing names, which costs disk space only and is
/// used again if the same content comes again.
struct AttachmentStore: Sendable {
    let directory: String

    init(dataDirectory: String) {
        directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("attachments").path
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func path(of sha256: String) -> String {
        "\(directory)/\(sha256.prefix(2))/\(sha256)"
    }

    func contains(_ sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: path(of: sha256))
    }

    /// Threads of their own: a file's write waits for the disk, and on the shared blocking pool
    /// (two threads here) SQLite's queries would wait behind it.
    private static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        return pool
    }()

    /// Writes the file unless it is there already.
    func write(_ data: Data, sha256: String) async throws {
        try await Self.threads.runIfActive { try writeNow(data, sha256: sha256) }
    }

    /// The bytes, or nil when there is no such file.
    func read(_ sha256: String) async throws -> Data? {
        try await Self.threads.runIfActive { FileManager.default.contents(atPath: path(of: sha256)) }
    }

    /// Takes the file away; nothing if it is not there.
    func remove(_ sha256: String) {
        unlink(path(of: sha256))
    }

    /// Blocking, and nothing when the file is there already: a temporary file (written past the
    /// page cache, UncachedWrite), synced, renamed into place, and its folder synced, so that the
    /// name survives a power cut as well as the bytes.
    func writeNow(_ data: Data, sha256: String) throws {
        if contains(sha256) { return }
        let target = path(of: sha256)
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = "\(target).\(UUID().uuidString).partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure(description: "无法写入附件文件 \(temporary)：\(String(cString: strerror(errno)))") }
        let result: Int32 = data.withUnsafeBytes { bytes in
            let failure = UncachedWrite.write(bytes, to: fd)
            return failure != 0 ? failure : fsync(fd) == 0 ? 0 : errno
        }
        close(fd)
        guard result == 0, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(result == 0 ? errno : result))
            unlink(temporary)
            throw Failure(description: "无法写入附件文件 \(target)：\(reason)")
        }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }
}

extension Config {
    /// Where attachment bytes go: files on SQLite, the database on PostgreSQL (nil).
    var attachmentStore: AttachmentStore? {
        usesPostgres ? nil : AttachmentStore(dataDirectory: dataDirectory)
    }
}
