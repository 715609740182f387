import Foundation
import Testing

@testable import ShenbaoServer

/// An attachment file written past the page cache holds exactly the bytes sent, whatever their
/// length and wherever they lie in memory, on a disk that writes directly and on tmpfs, which may
/// refuse to.
@Suite struct UncachedWriteTests {
    private static let lengths = [0, 1, 511, 4095, 4096, 4097, (1 << 20) + 3, 2 * (1 << 20), (5 << 19) + 4097]

    private static func folders() throws -> [URL] {
        // The working directory is on the machine's disk; the system's temporary folder may be tmpfs too.
        let disk = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
            ".build/uncached-write-tests")
        let shm = URL(fileURLWithPath: "/dev/shm")
        return [disk] + (FileManager.default.fileExists(atPath: shm.path) ? [shm] : [])
    }

    @Test func everyLengthReadsBackAsWritten() throws {
        for folder in try Self.folders() {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for length in Self.lengths {
                // One byte in, so the source is never aligned by chance.
                var source = Data(count: length + 1)
                source.withUnsafeMutableBytes { bytes in
                    for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 131 &+ length) }
                }
                let bytes = source.dropFirst()
                let path = folder.appendingPathComponent("uncached-\(UUID().uuidString)").path
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
                #expect(fd >= 0)
                let failure = bytes.withUnsafeBytes { UncachedWrite.write($0, to: fd) }
                close(fd)
                defer { unlink(path) }
                #expect(failure == 0, "\(length) bytes in \(folder.path)")
                #expect(FileManager.default.contents(atPath: path) == Data(bytes), "\(length) bytes in \(folder.path)")
            }
        }
    }

    /// On a disk file system (ext4, XFS, btrfs) the aligned part does not stay in the page cache:
    /// what saves the deadline day's uploads a third of their CPU (bench/RESULTS.md).
    @Test func aScanOnDiskLeavesNoPagesInTheCache() throws {
        let folder = try #require(try Self.folders().first)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let type = Self.fileSystemType(of: folder.path), ["ext4", "xfs", "btrfs"].contains(type) else { return }
        let length = 2 << 20
        let bytes = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let path = folder.appendingPathComponent("uncached-\(UUID().uuidString)").path
        defer { unlink(path) }
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(bytes.withUnsafeBytes { UncachedWrite.write($0, to: fd) } == 0)
        let mapped = try #require(mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0))
        defer { munmap(mapped, length) }
        let pages = length / Int(sysconf(Int32(_SC_PAGESIZE)))
        var resident = [UInt8](repeating: 0, count: pages)
        #expect(mincore(mapped, length, &resident) == 0)
        #expect(resident.filter { $0 & 1 != 0 }.count == 0, "pages of the file in the page cache")
    }

    /// The type of the mount holding `path`, from /proc/mounts (the longest mount point above it).
    private static func fileSystemType(of path: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return nil }
        let fields = mounts.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        return fields.filter { $0.count > 2 && (path == $0[1] || path.hasPrefix($0[1] == "/" ? "/" : $0[1] + "/")) }
            .max { $0[1].count < $1[1].count }?[2]
    }
}
